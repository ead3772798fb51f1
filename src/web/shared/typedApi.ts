import { type QueryKey, type UseMutationOptions, type UseQueryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type AnyRoute, type RouteInput, type RouteResponse, pathOf } from '../../contracts/route';
import { type Query, downloadFile, request, withQuery } from './api';

/**
 * The typed client: every call names a route definition from src/contracts (e.g.
 * `suppliesApi.listItems`), so its path, parameters, body and answer are checked by TypeScript.
 * Built on the same `request` as the old `api` object: same errors, CSRF header, language and
 * 401 redirect.
 */

/** Calls a JSON route: `call(suppliesApi.updateItem, { params: { id }, body: { active: false } })`. */
export function call<D extends AnyRoute>(def: D, input: RouteInput<D>): Promise<RouteResponse<D>> {
  const i = input as { params?: Record<string, unknown>; query?: Query; body?: unknown };
  const path = pathOf(def, i.params);
  if (def.method === 'GET' || def.method === 'DELETE') return request(def.method, path, undefined, i.query);
  return request(def.method, withQuery(path, i.query), i.body ?? {});
}

/** Uploads one file to an `upload` route (multipart), with the route's other form fields. */
export function upload<D extends AnyRoute>(
  def: D,
  input: Omit<RouteInput<D>, 'body'> & { file: File; fields?: Record<string, string> },
): Promise<RouteResponse<D>> {
  const form = new FormData();
  for (const [k, v] of Object.entries(input.fields ?? {})) form.append(k, v);
  form.append('file', input.file);
  const i = input as { params?: Record<string, unknown>; query?: Query };
  return request('POST', withQuery(pathOf(def, i.params), i.query), undefined, undefined, form);
}

/** The URL of a route (for a link, an <img>, a printed page): `/api/v1/...?query`. */
export function urlOf<D extends AnyRoute>(def: D, input: RouteInput<D>): string {
  const i = input as { params?: Record<string, unknown>; query?: Query };
  return withQuery(`/api/v1${pathOf(def, i.params)}`, i.query);
}

/** Downloads a `download` route's file (Excel), keeping the server's file name. */
export function download<D extends AnyRoute>(def: D, input: RouteInput<D>): Promise<void> {
  const i = input as { params?: Record<string, unknown>; query?: Query };
  return downloadFile(pathOf(def, i.params), i.query);
}

/**
 * Query keys: `[module, routeName, params, query]`. A key is a prefix of every narrower one, so
 * `keyOf(suppliesApi.stock)` matches every page and filter of the stock list, and
 * `moduleKey('supplies')` every query of the module.
 */
export function keyOf<D extends AnyRoute>(def: D, input?: Partial<RouteInput<D>>): QueryKey {
  const i = input as { params?: unknown; query?: unknown } | undefined;
  if (!i) return [def.module, def.name];
  return [def.module, def.name, i.params ?? {}, i.query ?? {}];
}
export const moduleKey = (module: string): QueryKey => [module];

/** What a mutation refreshes when it succeeds: route definitions (every query of that route) or module names (every query of the module). */
export type Invalidates = ReadonlyArray<AnyRoute | string>;

/** Reads a JSON route with react-query; the key comes from the definition and the input. */
export function useApiQuery<D extends AnyRoute>(
  def: D,
  input: RouteInput<D>,
  options?: Omit<UseQueryOptions<RouteResponse<D>, Error, RouteResponse<D>, QueryKey>, 'queryKey' | 'queryFn'>,
) {
  return useQuery({ queryKey: keyOf(def, input), queryFn: () => call(def, input), ...options });
}

/**
 * Changes data through a route and refreshes what it affects, declared once:
 *   const save = useApiMutation(suppliesApi.createItem, { invalidates: [suppliesApi.listItems] });
 *   await save.mutateAsync({ body: v });
 * Invalidation runs (and is awaited) before `onSuccess`.
 */
export function useApiMutation<D extends AnyRoute, Ctx = unknown>(
  def: D,
  options: { invalidates?: Invalidates } & Omit<UseMutationOptions<RouteResponse<D>, Error, RouteInput<D>, Ctx>, 'mutationFn'> = {},
) {
  const qc = useQueryClient();
  const { invalidates = [], onSuccess, ...rest } = options;
  return useMutation<RouteResponse<D>, Error, RouteInput<D>, Ctx>({
    ...rest,
    mutationFn: (input) => call(def, input),
    onSuccess: async (...args) => {
      await invalidate(qc, invalidates);
      await onSuccess?.(...args);
    },
  });
}

/** Refreshes routes or modules by hand (e.g. after an upload or a `call` outside a mutation hook). */
export function invalidate(qc: ReturnType<typeof useQueryClient>, targets: Invalidates): Promise<unknown> {
  return Promise.all(targets.map((t) => qc.invalidateQueries({ queryKey: typeof t === 'string' ? moduleKey(t) : keyOf(t) })));
}
