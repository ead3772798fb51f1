import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpPlugin } from '../../src/server/core/http/http.plugin';
import { type TestApp, buildTestApp, login, seedTestDistrict } from '../helpers/app';

let app: TestApp;

beforeAll(async () => {
  app = await buildTestApp();
  await seedTestDistrict(app);
  // A route that fails the way a bug would: the client must learn nothing about it.
  app.log.level = 'silent';
});
afterAll(async () => {
  await app?.close();
});

describe('HTTP behaviour', () => {
  it('serves health and readiness', async () => {
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe('ready');
  });

  it('publishes an OpenAPI 3 document generated from the contracts, and the docs page', async () => {
    const res = await app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/v1/auth/login'].post.requestBody).toBeDefined();
    expect(doc.paths['/api/v1/orgs'].get).toBeDefined();
    // Routes mounted from their contract definition (mountRoutes) keep their schemas, tag and status.
    const patch = doc.paths['/api/v1/supplies/items/{id}'].patch;
    expect(patch.tags).toEqual(['supplies']);
    expect(patch.parameters.map((p: { name: string }) => p.name)).toContain('id');
    expect(patch.requestBody).toBeDefined();
    expect(doc.paths['/api/v1/supplies/items'].post.responses['201']).toBeDefined();
    expect(doc.paths['/api/v1/supplies/items'].get.parameters.map((p: { name: string }) => p.name)).toContain('pageSize');
    // Every operation documents the error body; uploads are multipart with a binary file and
    // their other fields; an all-or-nothing import documents its 422 row report.
    expect(patch.responses['4XX'].content['application/json'].schema.properties.error).toBeDefined();
    const upload = doc.paths['/api/v1/files'].post;
    const form = upload.requestBody.content['multipart/form-data'].schema;
    expect(form.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(form.properties.ownerType).toBeDefined();
    expect(upload.responses['422']).toBeUndefined();
    const imp = doc.paths['/api/v1/people/import'].post;
    expect(Object.keys(imp.requestBody.content)).toEqual(['multipart/form-data']);
    // …in the common error shape, the row report (the same object as the 200) in `details`.
    const report = imp.responses['422'].content['application/json'].schema.properties.error;
    expect(report.properties.code.enum ?? [report.properties.code.const]).toEqual(['IMPORT_FAILED']);
    expect(report.properties.details.properties.errors).toBeDefined();
    // The escaped colon of a batch route is a literal colon, not a parameter.
    expect(doc.paths['/api/v1/energy/readings:batch'].post.parameters ?? []).toEqual([]);
    const ui = await app.inject({ url: '/api/docs/' });
    expect([200, 302]).toContain(ui.statusCode);
  });

  it('answers malformed JSON with a 400 JSON error', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_JSON');
  });

  it('localises validation messages and names the fields', async () => {
    const zh = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: '' } });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.message).toContain('输入有误');
    const fields = zh.json().error.details.fields;
    expect(fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['username', 'password']));
    const en = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: '' },
      headers: { 'accept-language': 'en' },
    });
    expect(en.json().error.message).toContain('Invalid input');
  });

  it('uses the signed-in user’s language when no Accept-Language is sent', async () => {
    const s = await login(app, 'leader');
    await s.put('/api/v1/auth/preferences', { locale: 'en' });
    const res = await app.inject({ method: 'GET', url: '/api/v1/orgs/999999', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toBe('Record not found');
  });

  it('rejects ids beyond the database range as bad input, not a 500', async () => {
    const s = await login(app, 'admin');
    const res = await app.inject({ method: 'GET', url: '/api/v1/orgs/99999999999', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].field).toBe('params.id');
  });

  it('never returns a stack trace or internals on a 500', async () => {
    const bare = Fastify({ logger: false });
    await bare.register(httpPlugin);
    bare.get('/api/v1/boom', async () => {
      throw new Error('relation "secret_table" does not exist at /src/server/x.ts:12');
    });
    const res = await bare.inject({ url: '/api/v1/boom', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe('INTERNAL');
    expect(res.json().error.message).toMatch(/ref [0-9a-z-]+/);
    expect(res.body).not.toMatch(/secret_table|\.ts:|stack/);
    await bare.close();
  });

  it('sets the session cookie httpOnly and SameSite', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'staff', password: 'Houqin@2026' } });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('accepts API tokens as Bearer, limited to their permissions, and revocable', async () => {
    const s = await login(app, 'manager');
    const created = await s.post('/api/v1/auth/tokens', {
      name: 'meter gateway',
      permissions: ['org.read'],
      expiresAt: new Date(Date.now() + 86400_000).toISOString(),
    });
    expect(created.statusCode).toBe(200);
    const token = created.json().token as string;
    expect(token.startsWith('hq_')).toBe(true);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await app.inject({ url: '/api/v1/orgs', headers: bearer })).statusCode).toBe(200);
    // Without CSRF: bearer requests need none. But the token lacks people.write.
    const me = await app.inject({ url: '/api/v1/auth/me', headers: bearer });
    expect(me.json().user.permissions).toEqual(['org.read']);
    // A token cannot be created for permissions the account lacks.
    const tooMuch = await s.post('/api/v1/auth/tokens', {
      name: 'x',
      permissions: ['audit.read'],
      expiresAt: new Date(Date.now() + 86400_000).toISOString(),
    });
    expect(tooMuch.statusCode).toBe(400);
    expect((await s.del(`/api/v1/auth/tokens/${created.json().id}`)).statusCode).toBe(200);
    const after = await app.inject({ url: '/api/v1/orgs', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('TOKEN_INVALID');
    // The token list never shows the token itself.
    expect((await s.get('/api/v1/auth/tokens')).body).not.toContain(token);
  });

  it('ends other sessions when the password changes', async () => {
    const a = await login(app, 'unit_a');
    const b = await login(app, 'unit_a');
    expect((await a.post('/api/v1/auth/password', { currentPassword: 'Houqin@2026', newPassword: 'NewPass#2026' })).statusCode).toBe(200);
    expect((await a.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await b.get('/api/v1/auth/me')).statusCode).toBe(401);
  });
});
