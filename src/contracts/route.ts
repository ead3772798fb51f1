import { z } from 'zod';
import { ZId } from './common';

/**
 * One HTTP route, defined once and used on both sides: the server mounts it with
 * `mountRoutes` (src/server/core/http/route.ts), the web calls it with `call` / `useApiQuery` /
 * `useApiMutation` (src/web/shared/api/typed.ts). A renamed path or field then fails the
 * typecheck on both sides instead of failing at run time. Zod only: contracts are bundled into
 * the browser.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/**
 * `json` (default) answers JSON described by `response`; `download` answers a file (Excel), the
 * web fetches it with `download(def, input)`; `upload` takes a multipart form with one file;
 * `page` answers HTML to print, the web opens `urlOf(def, input)`.
 */
export type RouteKind = 'json' | 'download' | 'upload' | 'page';

/** A path without its escaped colons (`::` is a literal `:` in Fastify, as in `/readings::batch`). */
type Unescaped<P extends string> = P extends `${infer A}::${infer B}` ? `${A}${Unescaped<B>}` : P;
/** The `:name` segments of a path, as a union of names. */
export type PathParamNames<P extends string> = Names<Unescaped<P>>;
type Names<P extends string> = P extends `${string}:${infer N}/${infer Rest}`
  ? N | Names<`/${Rest}`>
  : P extends `${string}:${infer N}`
    ? N
    : never;

/** A path parameter named `id` or `…Id` is a database id (a number); any other is a string. */
type DerivedParams<P extends string> = [PathParamNames<P>] extends [never]
  ? undefined
  : z.ZodObject<{ [K in PathParamNames<P>]: K extends 'id' | `${string}Id` ? typeof ZId : z.ZodString }>;

type Opt<T> = T extends z.ZodType ? T : undefined;

export type RouteSpec = {
  method: HttpMethod;
  /** Relative to /api/v1, with `:name` parameters, e.g. `/supplies/items/:id`. */
  path: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response?: z.ZodType;
  /** The success status (default 200); 201 for creations. */
  status?: 200 | 201 | 204;
  kind?: RouteKind;
  summary?: string;
};

export type Route<
  M extends HttpMethod = HttpMethod,
  P extends string = string,
  Params extends z.ZodType | undefined = z.ZodType | undefined,
  Query extends z.ZodType | undefined = z.ZodType | undefined,
  Body extends z.ZodType | undefined = z.ZodType | undefined,
  Res extends z.ZodType | undefined = z.ZodType | undefined,
> = {
  /** The module that owns the route: the OpenAPI tag and the first part of every query key. */
  module: string;
  /** The route's name in its module's table (e.g. `listItems`): the second part of its query keys. */
  name: string;
  method: M;
  path: P;
  params: Params;
  query: Query;
  body: Body;
  response: Res;
  status: 200 | 201 | 204;
  kind: RouteKind;
  summary?: string;
};
// biome-ignore lint/suspicious/noExplicitAny: the widest route, for generic helpers.
export type AnyRoute = Route<HttpMethod, string, any, any, any, any>;

type RouteOf<S extends RouteSpec> = Route<
  S['method'],
  S['path'],
  S['params'] extends z.ZodType ? S['params'] : DerivedParams<S['path']>,
  Opt<S['query']>,
  Opt<S['body']>,
  Opt<S['response']>
>;

const idLike = (name: string) => name === 'id' || name.endsWith('Id');
function deriveParams(path: string): z.ZodType | undefined {
  const names = [...path.replaceAll('::', '').matchAll(/:(\w+)/g)].map((m) => m[1]!);
  if (names.length === 0) return undefined;
  return z.object(Object.fromEntries(names.map((n) => [n, idLike(n) ? ZId : z.string().min(1).max(200)])));
}

/**
 * A module's routes, each defined once: `defineRoutes('supplies', { listItems: { method: 'GET',
 * path: '/supplies/items', query, response }, … })`. The key names the route (query keys,
 * OpenAPI operation); `params` is derived from the path when not given (`:id`/`:fooId` → id).
 */
export function defineRoutes<const T extends Record<string, RouteSpec>>(module: string, specs: T): { [K in keyof T]: RouteOf<T[K]> } {
  const out: Record<string, AnyRoute> = {};
  for (const [name, s] of Object.entries(specs)) {
    out[name] = {
      module,
      name,
      method: s.method,
      path: s.path,
      params: s.params ?? deriveParams(s.path),
      query: s.query,
      body: s.body,
      response: s.response,
      status: s.status ?? 200,
      kind: s.kind ?? 'json',
      summary: s.summary,
    };
  }
  return out as { [K in keyof T]: RouteOf<T[K]> };
}

type In<S> = S extends z.ZodType ? z.input<S> : never;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * What a caller sends: only the parts the route has, required when they have required fields.
 * Path parameters are typed by their parsed form (an id is a number), as z.coerce's input is `unknown`.
 */
export type RouteInput<D extends AnyRoute> = (D['params'] extends z.ZodType ? { params: Out<D['params']> } : { params?: undefined }) &
  (D['query'] extends z.ZodType
    ? Partial<In<D['query']>> extends In<D['query']>
      ? { query?: In<D['query']> }
      : { query: In<D['query']> }
    : { query?: undefined }) &
  (D['body'] extends z.ZodType ? { body: In<D['body']> } : { body?: undefined });
/** What the server's handler receives, parsed by the route's schemas. */
export type RouteParsed<D extends AnyRoute> = { params: Out<D['params']>; query: Out<D['query']>; body: Out<D['body']> };
/** What the caller gets back (the response as the server serialised it). */
export type RouteResponse<D extends AnyRoute> = D['response'] extends z.ZodType
  ? z.output<D['response']>
  : D['status'] extends 204
    ? undefined
    : unknown;
/** What the server's handler returns (the schema's input: the serialiser parses it). */
export type RouteResult<D extends AnyRoute> = D['response'] extends z.ZodType ? z.input<D['response']> : unknown;

/** The path with its parameters filled in, relative to /api/v1 (`::` becomes a literal `:`). */
export function pathOf(def: AnyRoute, params?: Record<string, unknown>): string {
  return def.path.replace(/::|:(\w+)/g, (_, k: string | undefined) => {
    if (k === undefined) return ':';
    const v = params?.[k];
    if (v === undefined || v === null || v === '') throw new Error(`${def.module}.${def.name}: missing path parameter ${k}`);
    return encodeURIComponent(String(v));
  });
}

/** A route's body as the caller sends it, e.g. for a form: `FormModal<RouteBody<typeof procurementApi.createPlan>>`. */
export type RouteBody<D extends AnyRoute> = D['body'] extends z.ZodType ? z.input<D['body']> : never;
