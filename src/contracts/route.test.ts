import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineRoutes, pathOf } from './route';

const api = defineRoutes('demo', {
  list: { method: 'GET', path: '/demo/items', query: z.object({ q: z.string().optional() }), response: z.object({ n: z.number() }) },
  update: {
    method: 'PATCH',
    path: '/demo/items/:id/parts/:name',
    body: z.object({ a: z.string() }),
    response: z.object({ ok: z.boolean() }),
  },
  create: { method: 'POST', path: '/demo/items', body: z.object({ a: z.string() }), status: 201 },
  batch: { method: 'POST', path: '/demo/items/:id/parts::batch', body: z.object({ a: z.string() }) },
});

describe('defineRoutes', () => {
  it('stamps module, name, default status and kind', () => {
    expect(api.list).toMatchObject({ module: 'demo', name: 'list', method: 'GET', status: 200, kind: 'json' });
    expect(api.create.status).toBe(201);
  });

  it('derives the path parameters: ids are numbers, other names strings', () => {
    const params = api.update.params;
    expect(params.parse({ id: '7', name: 'wheel' })).toEqual({ id: 7, name: 'wheel' });
    expect(() => params.parse({ id: 'x', name: 'wheel' })).toThrow();
    expect(api.list.params).toBeUndefined();
  });

  it('fills the path and refuses a missing parameter', () => {
    expect(pathOf(api.update, { id: 3, name: 'a b' })).toBe('/demo/items/3/parts/a%20b');
    expect(() => pathOf(api.update, { id: 3 })).toThrow(/name/);
  });

  it("reads `::` as a literal colon, not a parameter (Fastify's escape)", () => {
    expect(api.batch.params.parse({ id: '4' })).toEqual({ id: 4 });
    expect(Object.keys(api.batch.params.shape)).toEqual(['id']);
    expect(pathOf(api.batch, { id: 4 })).toBe('/demo/items/4/parts:batch');
  });
});
