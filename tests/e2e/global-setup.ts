import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { TEMPLATE_DAY_FILE, buildIfNeeded, chinaDay, spawnServer } from './harness';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A data directory holding the demo district, made once per run ('' when it could not be made). */
    e2eDemoTemplate: string;
  }
}

/**
 * Once per end-to-end run: build dist/ and load the demo district into a template data
 * directory (a first start, then a clean stop so PGlite has flushed everything). Every test
 * file then starts its server on a copy (harness.ts `startServer`), so the fourteen files
 * no longer load the same demo fourteen times.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  buildIfNeeded();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-e2e-template-'));
  const day = chinaDay();
  const server = await spawnServer(dir);
  // stop() removes the data directory: stop the process ourselves and keep the files.
  server.proc.kill('SIGTERM');
  await new Promise((r) => (server.proc.exitCode === null ? server.proc.once('exit', r) : r(null)));
  if (server.proc.exitCode !== 0 || fs.existsSync(path.join(dir, 'houqin.lock'))) {
    throw new Error(`the template server did not stop cleanly (exit ${server.proc.exitCode}): ${server.log()}`);
  }
  fs.writeFileSync(path.join(dir, TEMPLATE_DAY_FILE), day);
  project.provide('e2eDemoTemplate', dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
