import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { z } from 'zod';
import type { AnyRoute, RouteParsed, RouteResult } from '../../../contracts/route';
import { fieldError } from './errors';
import { MULTIPART_KEY } from './openapi';

/** Whether a parsed PATCH body sets nothing: an object whose every value is undefined. */
const isEmptyChange = (body: unknown) =>
  typeof body === 'object' && body !== null && !Array.isArray(body) && Object.values(body).every((v) => v === undefined);

/** The request a route's handler sees: `params`, `query` and `body` typed by the route's schemas. */
export type RouteRequest<D extends AnyRoute> = Omit<FastifyRequest, 'params' | 'query' | 'body'> & RouteParsed<D>;
/**
 * A route's handler returns the response (the status comes from the definition, e.g. 201), or
 * the reply itself when it answers by hand (a file download, a redirect).
 */
export type RouteHandler<D extends AnyRoute> = (req: RouteRequest<D>, reply: FastifyReply) => Promise<RouteResult<D> | FastifyReply>;
/** Fastify options a route may add (rate limits, body limits); the schema always comes from the definition. */
export type RouteOptions = Pick<RouteShorthandOptions, 'config' | 'bodyLimit' | 'preHandler' | 'onRequest'>;
type Extra = { options?: RouteOptions };

/**
 * Registers one route from its definition: method, `/api/v1` + path, the schemas (validation,
 * serialisation and OpenAPI, tagged with the module) and the success status.
 */
export function mountRoute<D extends AnyRoute>(app: FastifyInstance, def: D, handler: RouteHandler<D>, options?: RouteOptions): void {
  const response: Record<number, unknown> | undefined = def.response ? { [def.status]: def.response } : undefined;
  // An all-or-nothing import answers a failed row with 422 in the common error shape, the row
  // report (the same object as the 200) in `details` (`importOutcome`).
  if (response && def.kind === 'upload' && def.response instanceof z.ZodObject && 'errors' in def.response.shape) {
    response[422] = z.object({
      error: z.object({ code: z.literal('IMPORT_FAILED'), message: z.string(), details: def.response }),
    });
  }
  const uploadFields = def.kind === 'upload' ? (def.body ?? z.object({})) : undefined;
  app.route({
    ...options,
    method: def.method,
    url: `/api/v1${def.path}`,
    schema: {
      tags: [def.module],
      operationId: `${def.module}.${def.name}`,
      ...(def.summary ? { summary: def.summary } : {}),
      ...(def.params ? { params: def.params } : {}),
      ...(def.query ? { querystring: def.query } : {}),
      ...(def.body && def.kind !== 'upload' ? { body: def.body } : {}),
      // Documented (not validated: the handler reads the stream) by the OpenAPI transform.
      ...(uploadFields ? { [MULTIPART_KEY]: uploadFields } : {}),
      ...(response ? { response } : {}),
    },
    handler: async (req, reply) => {
      // A PATCH that changes nothing (`{}`, or only keys the contract does not know, which it
      // strips) is refused for every module alike: a clear 400, not "No values to set" from the
      // database layer as a 500.
      if (def.method === 'PATCH' && isEmptyChange(req.body)) {
        throw fieldError(req, 'body', '没有要修改的内容', 'nothing to change: send at least one field');
      }
      const out = await handler(req as unknown as RouteRequest<D>, reply);
      if (out === reply || reply.sent) return reply;
      if (def.status !== 200) reply.code(def.status);
      return def.status === 204 ? reply.send() : out;
    },
  });
}

/**
 * Registers a module's routes from its table, one handler per route name; a route of the table
 * without a handler is a type error (the table and the server cannot drift apart).
 *
 *   mountRoutes(app, suppliesRoutes, {
 *     listItems: async (req) => svc.listItems(requireAuth(req), req.query),
 *     createItem: async (req) => svc.createItem(requireAuth(req), req.body),   // 201 from the definition
 *   });
 *
 * A handler may be `{ handler, options }` to pass Fastify options (rate limit, body limit).
 */
export function mountRoutes<T extends Record<string, AnyRoute>>(
  app: FastifyInstance,
  defs: T,
  handlers: { [K in keyof T]: RouteHandler<T[K]> | ({ handler: RouteHandler<T[K]> } & Extra) },
): void {
  for (const [name, h] of Object.entries(handlers) as [
    keyof T & string,
    RouteHandler<AnyRoute> | ({ handler: RouteHandler<AnyRoute> } & Extra),
  ][]) {
    const def = defs[name];
    if (!def) throw new Error(`mountRoutes: no route named ${name}`);
    if (typeof h === 'function') mountRoute(app, def, h);
    else mountRoute(app, def, h.handler, h.options);
  }
}
