/**
 * What the in-process benchmarks share: an app on a given database with an empty data
 * directory (no demo data, no scheduled jobs, no sign-in throttle), and median timing.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type App, buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { prepareDatabase } from '../src/server/core/bootstrap';
import type { DatabaseHandle } from '../src/server/db/client';

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median of `reps` runs of `fn`; with `warm`, after one untimed run (plans and caches, as a second request finds them). */
export async function timed(fn: () => Promise<unknown>, reps = 7, warm = false) {
  if (warm) await fn();
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return median(out);
}

/** Runs `body` against a migrated app on `h`; closes it and removes its data directory afterwards. */
export async function withBenchApp<T>(h: DatabaseHandle, name: string, body: (app: App) => Promise<T>): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `houqin-bench-${name}-`));
  const config = loadConfig({
    NODE_ENV: 'test',
    HOUQIN_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    HOUQIN_DEMO_DATA: 'false',
    HOUQIN_JOBS: 'false',
    HOUQIN_LOGIN_RATE_LIMIT: '100000',
  });
  const app = await buildApp({ config, database: h, dataKey: crypto.randomBytes(32).toString('hex') });
  try {
    await prepareDatabase(app, config);
    await app.ready();
    return await body(app);
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
