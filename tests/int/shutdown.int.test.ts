import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from '../../src/server/db/client';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-shutdown-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

describe.skipIf(!!process.env.TEST_DATABASE_URL)('graceful shutdown on the embedded database', () => {
  it('finishes the request in flight, exits 0, releases the lock and leaves PGlite consistent', async () => {
    const port = await freePort();
    const proc = spawn(process.execPath, ['--import', 'tsx', path.resolve('src/server/main.ts')], {
      env: { ...process.env, PORT: String(port), HOUQIN_DATA_DIR: dir, LOG_LEVEL: 'warn', HOUQIN_JOBS: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    proc.stderr.on('data', (b) => (log += b));
    proc.stdout.on('data', (b) => (log += b));
    const base = `http://127.0.0.1:${port}`;
    // First start: migrations and the whole demo district. Generous, for a loaded CI machine.
    let ready = false;
    for (let i = 0; i < 720 && !ready; i++) {
      ready = await fetch(`${base}/readyz`)
        .then((r) => r.ok)
        .catch(() => false);
      if (!ready) await new Promise((r) => setTimeout(r, 250));
    }
    expect(ready, log).toBe(true);
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'manager', password: 'Houqin@2026' }),
    });
    const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
    // Send a request and SIGTERM while it is being served.
    const inflight = fetch(`${base}/api/v1/people/export`, { headers: { cookie } });
    await new Promise((r) => setTimeout(r, 20));
    proc.kill('SIGTERM');
    const res = await inflight;
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
    const code = await new Promise<number | null>((r) => proc.on('exit', r));
    expect(code, log).toBe(0);
    expect(fs.existsSync(path.join(dir, 'houqin.lock'))).toBe(false);
    // Reopen: the demo district is intact.
    const h = await openDatabase({ pgliteDir: dir });
    const [row] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from people`);
    expect(row!.n).toBeGreaterThan(1600);
    await h.close();
  }, 300_000);
});
