import type { Response as LightMyRequestResponse } from 'light-my-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, login, seedTestDistrict } from '../helpers/app';

/**
 * Issue #15, "Headers and exposure": every response carries the security headers (whatever
 * produced it: a route, an error, the not-found handler, a plugin's files), HSTS only over TLS,
 * and the API description is shown to signed-in callers only when configured so.
 */
let open: TestApp; // defaults of a test run: docs public, no proxy trusted
let closed: TestApp; // production's setting for the docs, behind a trusted TLS proxy

beforeAll(async () => {
  [open, closed] = await Promise.all([buildTestApp(), buildTestApp({ HOUQIN_API_DOCS: 'signed-in', HOUQIN_TRUST_PROXY: 'true' })]);
  await seedTestDistrict(closed);
});
afterAll(async () => {
  await Promise.all([open?.close(), closed?.close()]);
});

function expectSecurityHeaders(h: Record<string, unknown>, where: string) {
  const csp = String(h['content-security-policy'] ?? '');
  expect(csp, where).toContain("default-src 'self'");
  expect(csp, where).toContain("script-src 'self'");
  expect(csp, where).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  expect(csp, where).toContain("frame-ancestors 'none'");
  expect(csp, where).toContain("object-src 'none'");
  expect(h['x-content-type-options'], where).toBe('nosniff');
  expect(h['x-frame-options'], where).toBe('DENY');
  expect(h['referrer-policy'], where).toBe('no-referrer');
}

describe('security headers', () => {
  it('are on every kind of response', async () => {
    const sec = await login(closed, 'admin');
    const cases: [string, () => Promise<LightMyRequestResponse>][] = [
      ['health', () => open.inject({ url: '/healthz' })],
      ['API 404', () => open.inject({ url: '/api/v1/no-such-route' })],
      ['non-API 404', () => open.inject({ url: '/no-such-page' })],
      ['401', () => open.inject({ url: '/api/v1/auth/me' })],
      ['400', () => open.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: '' } })],
      ['OpenAPI', () => open.inject({ url: '/api/openapi.json' })],
      ['docs page', () => open.inject({ url: '/api/docs/static/index.html' })],
      ['signed-in JSON', () => sec.get('/api/v1/auth/me')],
    ];
    for (const [where, call] of cases) {
      const res = await call();
      expect(res.statusCode, where).toBeLessThan(500);
      expectSecurityHeaders(res.headers, where);
    }
  });

  it('send HSTS only over TLS, as a trusted proxy reports it', async () => {
    const plain = await closed.inject({ url: '/healthz' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    expect(plain.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    const tls = await closed.inject({ url: '/healthz', headers: { 'x-forwarded-proto': 'https' } });
    expect(tls.headers['strict-transport-security']).toMatch(/^max-age=\d{8,}/);
    expect(tls.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    // Without a trusted proxy, anyone could send the header: it is ignored.
    const forged = await open.inject({ url: '/healthz', headers: { 'x-forwarded-proto': 'https' } });
    expect(forged.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('API description', () => {
  const docs = [
    '/api/openapi.json',
    '/api/docs',
    '/api/docs/',
    '/api/docs/json',
    '/api/docs/static/index.html',
    '/api/docs/static/swagger-ui.css',
  ];

  it('is public when so configured (development and tests by default)', async () => {
    for (const url of docs) {
      const res = await open.inject({ url });
      expect([200, 302], url).toContain(res.statusCode);
    }
  });

  it('asks for sign-in when set to signed-in (production default), and is served once signed in', async () => {
    for (const url of [...docs, '/api/%64ocs/json', '/api/openapi.json?x=1']) {
      const res = await closed.inject({ url, headers: { 'accept-language': 'en' } });
      expect(res.statusCode, url).toBe(401);
      expect(res.json().error.code, url).toBe('AUTH_REQUIRED');
      expect(res.json().error.message).toBe('Please sign in');
      expectSecurityHeaders(res.headers, url);
    }
    const s = await login(closed, 'staff');
    for (const url of docs) {
      const res = await s.get(url);
      expect([200, 302], url).toContain(res.statusCode);
    }
    expect((await s.get('/api/openapi.json')).json().paths['/api/v1/auth/login']).toBeDefined();
  });
});
