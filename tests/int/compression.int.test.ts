import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import compress from '@fastify/compress';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPRESS_OPTIONS, serveWebApp } from '../../src/server/app';
import { httpPlugin } from '../../src/server/core/http/http.plugin';
import { type Session, type TestApp, buildTestApp, login, seedTestDistrict } from '../helpers/app';

/**
 * Issue #16, "The first load": the API's answers are compressed above 1 KB when the client
 * accepts it (and only then: `app.inject` without Accept-Encoding gets plain JSON, as every
 * other test relies on), Excel files go as they are, and the built web app's files are sent as
 * the build's .br/.gz copies with a year's caching for hashed names and revalidation for
 * index.html. The web part runs on a small directory of its own, built here, so the suite does
 * not depend on `npm run build`.
 */
let app: TestApp;
let manager: Session;
let web: FastifyInstance;
let webRoot: string;
const SCRIPT = `export const answer = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `line ${i}`))};\n`;
const INDEX = `<!doctype html><html><head><script type="module" src="/assets/app-Abc123.js"></script></head><body>${'<!-- padding -->'.repeat(100)}</body></html>`;

beforeAll(async () => {
  app = await buildTestApp();
  await seedTestDistrict(app);
  manager = await login(app, 'manager');
  webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-web-'));
  fs.mkdirSync(path.join(webRoot, 'assets'));
  const write = (name: string, text: string) => {
    const file = path.join(webRoot, name);
    fs.writeFileSync(file, text);
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(text));
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(text));
  };
  write('assets/app-Abc123.js', SCRIPT);
  write('index.html', INDEX);
  web = Fastify();
  await web.register(compress, COMPRESS_OPTIONS);
  await web.register(httpPlugin);
  await serveWebApp(web, webRoot);
  await web.ready();
});
afterAll(async () => {
  await Promise.all([app?.close(), web?.close()]);
  if (webRoot) fs.rmSync(webRoot, { recursive: true, force: true });
});

describe('API compression', () => {
  it('compresses a large JSON answer with gzip when asked, to a body that is the same JSON', async () => {
    const plain = await app.inject({ url: '/api/openapi.json' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(1024);
    const res = await app.inject({ url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length);
    expect(JSON.parse(zlib.gunzipSync(res.rawPayload).toString('utf8'))).toEqual(plain.json());
  });

  it('leaves a small answer alone', async () => {
    const res = await app.inject({ url: '/healthz', headers: { 'accept-encoding': 'gzip, br' } });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.length).toBeLessThan(1024);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.json()).toBeTruthy();
  });

  it('sends an Excel export as it is, whatever the client accepts', async () => {
    const res = await app.inject({ url: '/api/v1/people/export', headers: { ...manager.headers, 'accept-encoding': 'gzip, br' } });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('the built web app', () => {
  it('sends a hashed file as the build’s brotli copy, cached for a year, with the security headers', async () => {
    const res = await web.inject({ url: '/assets/app-Abc123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(String(res.headers['content-type'])).toContain('javascript');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(zlib.brotliDecompressSync(res.rawPayload).toString('utf8')).toBe(SCRIPT);
  });

  it('sends gzip to a client without brotli and the file itself to one that asks for neither', async () => {
    const gz = await web.inject({ url: '/assets/app-Abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString('utf8')).toBe(SCRIPT);
    const plain = await web.inject({ url: '/assets/app-Abc123.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('revalidates index.html, also as the answer for the client’s routes', async () => {
    for (const url of ['/', '/energy/indicators']) {
      const res = await web.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(zlib.brotliDecompressSync(res.rawPayload).toString('utf8'), url).toBe(INDEX);
    }
  });

  it('does not serve the compressed copies under their own names (the address gets the app, as any unknown one)', async () => {
    const res = await web.inject({ url: '/assets/app-Abc123.js.br' });
    expect(String(res.headers['content-type'])).toContain('text/html');
    expect(res.body).toBe(INDEX);
  });
});
