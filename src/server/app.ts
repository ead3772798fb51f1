import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import compress, { type FastifyCompressOptions } from '@fastify/compress';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { openApiTransform } from './core/http/openapi';
import { serializerCompiler } from './core/http/serializer';
import { type CoreServices, createCoreServices, registerCoreRoutes } from './core';
import { sendError } from './core/http/http.plugin';
import type { AppDeps } from './deps';
import { benchRoutes } from './bench-routes';
import { registerModules } from './modules';

export type { AppDeps };
export type App = FastifyInstance & { services: CoreServices };

declare module 'fastify' {
  interface FastifyInstance {
    /** Set by the graceful shutdown: responses then close their connection. */
    shuttingDown: boolean;
  }
}

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

/**
 * Compression of the API's answers (issue #16): above 1 KB, brotli at quality 4 (the plugin's
 * default, as cheap as gzip's default level on a page of the people list and smaller) or gzip,
 * as the client asks; nothing when it sends no Accept-Encoding (`app.inject`, scripts). Only
 * text types (JSON, text, XML, SVG): Excel exports, attachments and other binary files, already
 * compressed or not worth it, go as they are (the plugin's default list would also take
 * `application/octet-stream`). The built web app's files are compressed at build time and sent
 * as they are (`preCompressed` below); a response that already has a Content-Encoding is left
 * alone.
 */
export const COMPRESS_OPTIONS: FastifyCompressOptions = {
  threshold: 1024,
  encodings: ['br', 'gzip'],
  customTypes: /^text\/(?!event-stream)|(?:\+|\/)(?:json|text|xml)(?:;|$)|^image\/svg\+xml/,
};

/**
 * Serves the built web app (`root`, dist/web) and lets the not-found handler answer the
 * client's routes with index.html. Each file goes as the `.br` or `.gz` copy the build wrote
 * beside it when the client accepts one (`preCompressed`). Hashed names (Vite's /assets/) never
 * change: cached for a year, `immutable`; anything else (index.html, also as the client routes'
 * answer, and the unhashed files of src/web/public) is revalidated each time (`no-cache`).
 */
export async function serveWebApp(app: FastifyInstance, root: string): Promise<void> {
  const assets = path.join(root, 'assets') + path.sep;
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    // The .br and .gz copies are sent in place of their file, never under their own names.
    globIgnore: ['**/*.br', '**/*.gz'],
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply: FastifyReply, filePath: string) => {
      reply.header('cache-control', filePath.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  app.serveSpa = true;
}

/** Personal data and secrets never reach the logs: these request fields are redacted. */
const REDACT = ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'];

/**
 * Builds the application: external plugins → core → domain modules → web, in that order
 * (fastify/demo's convention), so a module can rely on everything the core decorates.
 */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { config } = deps;
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, redact: { paths: REDACT, censor: '[redacted]' } },
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    // Registration waits on the database (migrations, PGlite's start): on a busy two-core machine
    // that can exceed Fastify's default 10 s per plugin, which would fail a start that was fine.
    pluginTimeout: 120_000,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(compress, COMPRESS_OPTIONS);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.maxUploadBytes, files: 1, fields: 20 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Houqin 后勤 API',
        version: '1',
        description:
          'Cookie sessions: POST /api/v1/auth/login returns `csrfToken`; send it as `X-CSRF-Token` on every POST/PUT/PATCH/DELETE. Integrations use `Authorization: Bearer <API token>` and need no CSRF token.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'houqin_sid' } },
      },
      security: [{ cookie: [] }, { bearer: [] }],
    },
    transform: openApiTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.decorate('shuttingDown', false);
  app.addHook('onSend', async (_req, reply) => {
    if (app.shuttingDown) reply.header('connection', 'close');
  });

  const services = createCoreServices(deps);
  app.decorate('services', services);
  await registerCoreRoutes(app, services, deps);
  await registerModules(app, services, deps);
  if (config.benchRoutes) await benchRoutes(app, services);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  if (config.apiDocs === 'signed-in') {
    // The API description lists every route and field: in production only for callers who
    // are signed in (session or API token; the auth preHandler, registered by the core before
    // this hook, has resolved `req.auth`). Hooks reach every route of the app whenever they
    // are added, so this covers the docs page's files registered above as well. The check is
    // on the matched route's pattern, not the raw URL, so an encoded or doubled path that the
    // router still resolves to these routes is covered too. The answer is sent here rather
    // than thrown: the docs plugin's routes were registered before the core's error handler.
    app.addHook('preHandler', async (req, reply) => {
      const route = req.routeOptions.url ?? '';
      const isDocs = route === '/api/openapi.json' || route === '/api/docs' || route.startsWith('/api/docs/');
      if (!isDocs || req.auth) return;
      return sendError(reply, req.locale, 401, req.sessionExpired ? 'SESSION_EXPIRED' : 'AUTH_REQUIRED');
    });
  }

  // The web files, registered when they exist (`wildcard: false` lists them at registration).
  // While `npm start` builds them (deps.webBuild), the registration waits for the build: left
  // unawaited here, it runs when the app is made ready (listen), so the database's
  // preparation and the demo load go on meanwhile and /readyz answers only with the web there.
  const web = fp(async (instance) => {
    await deps.webBuild;
    if (!fs.existsSync(WEB_DIST)) return;
    await serveWebApp(instance, WEB_DIST);
    app.serveSpa = true;
  });
  if (deps.webBuild) void app.register(web);
  else await app.register(web);
  return app as unknown as App;
}
