/**
 * The seed-scale district on PGlite: the first request of every list and summary endpoint after a
 * start (issue #16: each under 1 s). Seeds the district (scripts/seed-scale.ts: 235 agencies,
 * 20,000 people, 25,000 rooms) into a fresh data directory, starts the server on it in a child
 * process, signs in as the district's `manager`, and times, one after another, the first GET of
 * each JSON route without path parameters (the lists and summaries the web's pages open with,
 * with their default query), then lists those over the limit.
 *
 *   npx tsx scripts/bench-first-requests.ts            # seeds a temporary directory
 *   BENCH_SCALE_DIR=./data-scale npx tsx scripts/bench-first-requests.ts   # reuses (or fills) one
 *
 * The lead's `bench.ts` can call `benchFirstRequests()` and print the lines.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { z } from 'zod';
import type { AnyRoute } from '../src/contracts/route';
import { cnToday } from '../src/server/core';
import { type ServerProcess, spawnServer } from './lib/server-process';
import { SCALE_PASSWORD } from './seed-scale';

const ROOT = path.resolve(import.meta.dirname, '..');
const LIMIT_MS = 1000;

async function startServer(dataDir: string): Promise<ServerProcess> {
  return spawnServer(ROOT, ['--import', 'tsx', path.join(ROOT, 'src/server/main.ts')], {
    DATABASE_URL: '',
    HOUQIN_DATA_DIR: dataDir,
    HOUQIN_DEMO_DATA: 'false',
  });
}

/** Every API module's routes (the contracts), read from src/contracts. */
async function allRoutes(): Promise<AnyRoute[]> {
  const out: AnyRoute[] = [];
  for (const dir of ['core', 'modules']) {
    const folder = path.join(ROOT, 'src/contracts', dir);
    for (const f of fs
      .readdirSync(folder)
      .filter((x) => x.endsWith('.api.ts'))
      .sort()) {
      const mod = (await import(path.join(folder, f))) as Record<string, unknown>;
      for (const api of Object.values(mod))
        if (api && typeof api === 'object')
          for (const r of Object.values(api as Record<string, unknown>))
            if (r && typeof r === 'object' && 'method' in r && 'path' in r && 'kind' in r) out.push(r as AnyRoute);
    }
  }
  return out;
}

/** A plausible value for a required query field, by its name (the defaults cover the rest). */
function requiredQuery(schema: z.ZodType | undefined, orgId: number): Record<string, string> | null {
  if (!schema) return {};
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  if (!shape) return {};
  const day = cnToday();
  const year = Number(day.slice(0, 4));
  const q: Record<string, string> = {};
  for (const [k, s] of Object.entries(shape)) {
    if (s.safeParse(undefined).success) continue;
    const guess: Record<string, string> = {
      year: String(year),
      orgId: String(orgId),
      month: day.slice(0, 7),
      from: `${year}-01-01`,
      to: day,
      date: day,
      day,
      start: `${day}T00:00:00+08:00`,
      end: `${day}T23:59:59+08:00`,
    };
    const v = guess[k];
    if (v === undefined || !s.safeParse(v).success) return null;
    q[k] = v;
  }
  return q;
}

export type FirstRequest = { path: string; status: number; ms: number; bytes: number };

/**
 * Seeds (unless `dataDir` already holds the district), starts, signs in, and times the first
 * request of each list/summary route. Returns the report lines and the measurements.
 */
export async function benchFirstRequests(
  opts: { dataDir?: string; limitMs?: number } = {},
): Promise<{ lines: string[]; results: FirstRequest[] }> {
  const limit = opts.limitMs ?? LIMIT_MS;
  const lines: string[] = [];
  const temp = !opts.dataDir;
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-first-'));
  if (!fs.existsSync(path.join(dataDir, 'pglite'))) {
    const t = performance.now();
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/seed-scale.ts')], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', HOUQIN_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`seed:scale failed (${r.status})`);
    lines.push(`${r.stdout.trim()} (seed ${((performance.now() - t) / 1000).toFixed(0)} s)`);
  }
  const server = await startServer(dataDir);
  const results: FirstRequest[] = [];
  try {
    lines.push(`start to /readyz: ${(server.readyMs / 1000).toFixed(1)} s`);
    const login = await fetch(`${server.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'manager', password: SCALE_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
    const cookie = String(login.headers.get('set-cookie') ?? '').split(';')[0]!;
    // Routes that need a unit are asked about the whole district (its root).
    const orgsRes = (await (await fetch(`${server.base}/api/v1/orgs`, { headers: { cookie } })).json()) as {
      items: { id: number; parentId: number | null }[];
    };
    const root = orgsRes.items.find((o) => o.parentId === null) ?? orgsRes.items[0];
    if (!root) throw new Error('no org in scope');
    const routes = (await allRoutes()).filter((r) => r.method === 'GET' && r.kind === 'json' && !r.path.includes(':'));
    for (const r of routes) {
      const q = requiredQuery(r.query, root.id);
      if (!q) {
        lines.push(`  skipped ${r.path}: a required query field this bench cannot guess`);
        continue;
      }
      const qs = new URLSearchParams(q).toString();
      const url = `${server.base}/api/v1${r.path}${qs ? `?${qs}` : ''}`;
      const t = performance.now();
      const res = await fetch(url, { headers: { cookie, accept: 'application/json', 'accept-encoding': 'identity' } });
      const body = await res.arrayBuffer();
      results.push({ path: `${r.path}${qs ? `?${qs}` : ''}`, status: res.status, ms: performance.now() - t, bytes: body.byteLength });
    }
  } finally {
    server.proc.kill('SIGTERM');
    await new Promise((r) => server.proc.once('exit', r));
    if (temp) fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const ok = results.filter((r) => r.status === 200);
  const slow = ok.filter((r) => r.ms > limit).sort((a, b) => b.ms - a.ms);
  lines.push(
    `first request of ${results.length} list/summary routes as manager (${ok.length} answered 200, the rest refused by permission or input): ` +
      `${slow.length} over ${limit} ms`,
  );
  for (const r of slow) lines.push(`  ${r.ms.toFixed(0).padStart(6)} ms  ${(r.bytes / 1024).toFixed(0).padStart(6)} KiB  ${r.path}`);
  const top = [...ok].sort((a, b) => b.ms - a.ms).slice(slow.length, slow.length + 5);
  if (top.length) lines.push(`  slowest under the limit: ${top.map((r) => `${r.path} ${r.ms.toFixed(0)} ms`).join(', ')}`);
  return { lines, results };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { lines, results } = await benchFirstRequests({ dataDir: process.env.BENCH_SCALE_DIR });
  if (process.env.BENCH_VERBOSE)
    for (const r of results)
      console.log(`${String(r.status)} ${r.ms.toFixed(0).padStart(6)} ms ${String(r.bytes).padStart(9)} B ${r.path}`);
  for (const l of lines) console.log(l);
}
