import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { type Locale, type MessageCode, localeFromHeader, translate } from '../i18n/messages';
import { AppError } from './errors';
import { badTextError, findBadText } from './input-guard';
import { issueMessage } from './validation-messages';

declare module 'fastify' {
  interface FastifyInstance {
    serveSpa: boolean;
  }
  interface FastifyRequest {
    /** The caller's language: the signed-in user's setting, else Accept-Language, else zh-CN. */
    locale: Locale;
  }
}

export function sendError(
  reply: FastifyReply,
  locale: Locale,
  status: number,
  code: MessageCode,
  params: Record<string, string | number> = {},
  details?: unknown,
) {
  return reply.status(status).send({
    error: { code, message: translate(code, locale, params), ...(details === undefined ? {} : { details }) },
  });
}

/**
 * The Content-Security-Policy of every response. The built web app (Vite) loads only its own
 * module scripts from /assets, with no inline script and no eval, so scripts stay `'self'`.
 * Styles need `'unsafe-inline'`: Ant Design's CSS-in-JS writes its component styles into
 * `<style>` elements at run time (a nonce would need a per-request index.html, which the static
 * file server does not render), and the printable pages (asset labels) carry their own
 * `<style>`; inline styles cannot run code, so this is the usual trade-off. ECharts draws on a
 * canvas and sets styles through the CSSOM, which CSP does not restrict. Images may be `data:`
 * (QR codes, Ant Design's inline images) or `blob:` (a floor plan's background before upload).
 * `frame-ancestors 'none'` refuses framing (clickjacking); the same CSP suits the API docs page,
 * whose scripts are files under /api/docs.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "base-uri 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Security headers on every response (pages, files, API answers, errors) come from
 * helmet (its defaults, tightened: no framing at all, no referrer, the CSP above).
 * HSTS and `upgrade-insecure-requests` only over TLS (directly, or behind a trusted proxy's
 * X-Forwarded-Proto: `req.protocol` honours HOUQIN_TRUST_PROXY): sent over plain HTTP HSTS is
 * ignored by browsers, and a deployment still on HTTP must not be told to refuse itself; helmet
 * sets one policy for all requests, so these two are added per request here.
 */
const HELMET_OPTIONS = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: Object.fromEntries(
      CONTENT_SECURITY_POLICY.split('; ').map((d) => {
        const [name, ...values] = d.split(' ');
        return [name!, values];
      }),
    ),
  },
  frameguard: { action: 'deny' as const },
  referrerPolicy: { policy: 'no-referrer' as const },
  hsts: false,
};
const HELMET_CSP = CONTENT_SECURITY_POLICY.split('; ').join(';');

/**
 * Helmet's headers are the same for every response, so they are worked out once, here, by
 * running helmet's middleware against a recording response; each request then gets a copy of
 * the finished set (the `@fastify/helmet` plugin rebuilt the middleware and reparsed the policy on every
 * request, a few per cent of a list request's CPU).
 */
export const SECURITY_HEADERS: Record<string, string> = (() => {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(HELMET_OPTIONS)({} as never, recorder as never, () => {});
  return headers;
})();
function tlsOnlyHeaders(req: FastifyRequest, reply: FastifyReply) {
  if (req.protocol !== 'https') return;
  reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  const csp = reply.getHeader('content-security-policy');
  // Helmet's policy (it joins the directives with ';'); a route's own stricter policy is left as it set it.
  if (csp === HELMET_CSP) reply.header('content-security-policy', `${csp};upgrade-insecure-requests`);
}

/**
 * The one place errors become HTTP. Known errors keep their status and stable code; anything
 * unexpected is logged with the request id and answered as a 500 that reveals nothing.
 */
export const httpPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('locale', 'zh-CN');
  app.addHook('onRequest', async (req) => {
    req.locale = localeFromHeader(req.headers['accept-language']);
  });
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    done();
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    tlsOnlyHeaders(req, reply);
  });
  // Every route, before its contract: text the database cannot store is a 400, never a 500.
  app.addHook('preValidation', async (req) => {
    for (const [where, value] of [
      ['params', req.params],
      ['querystring', req.query], // named as Fastify's validation names it
      ['', req.body],
    ] as const) {
      const bad = findBadText(value);
      if (bad) throw badTextError(req.locale, [where, bad].filter(Boolean).join('.'));
    }
  });

  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const locale = req.locale ?? 'zh-CN';
    if (err instanceof AppError) {
      return sendError(reply, locale, err.status, err.code, err.params, err.details);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = (err as { validationContext?: string }).validationContext;
      const fields = err.validation.map((v) => ({
        field: [where === 'body' ? '' : where, ...v.instancePath.split('/').filter(Boolean)].filter(Boolean).join('.') || (where ?? 'body'),
        message: issueMessage(v as never, locale),
      }));
      return sendError(reply, locale, 400, 'VALIDATION_FAILED', { fields: fields.map((f) => f.field).join(', ') }, { fields });
    }
    if (
      err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      (err instanceof SyntaxError && err.statusCode === 400)
    ) {
      return sendError(reply, locale, 400, 'BAD_JSON');
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) {
      return sendError(reply, locale, 413, 'PAYLOAD_TOO_LARGE');
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendError(reply, locale, 415, 'VALIDATION_FAILED', { fields: 'content-type' });
    }
    if (err.statusCode === 429) return sendError(reply, locale, 429, 'RATE_LIMITED');
    if (isResponseSerializationError(err)) {
      req.log.error({ err: err.cause }, 'response does not match its schema');
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // A 4xx raised by Fastify or a plugin (e.g. multipart limits): keep the status, hide the text.
      return sendError(reply, locale, err.statusCode, 'VALIDATION_FAILED', { fields: err.code ?? 'request' });
    } else {
      req.log.error({ err }, 'unhandled error');
    }
    return sendError(reply, locale, 500, 'INTERNAL', { requestId: String(req.id) });
  });

  // The web app routes on the client: a non-API GET that is not a file gets index.html
  // (when the built web app is served); unknown API routes get a JSON 404.
  app.decorate('serveSpa', false);
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/')) return sendError(reply, req.locale ?? 'zh-CN', 404, 'ROUTE_NOT_FOUND');
    if (req.method === 'GET' && app.serveSpa) return reply.sendFile('index.html');
    return reply.status(404).send('Not found');
  });
});
