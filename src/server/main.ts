import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { resolveDataKey } from './core/crypto/crypto';
import { enableDemoData } from './demo';
import { startServer } from './server';

/**
 * Entry point of the server: `npm start` (scripts/start.mjs imports the bundle built from
 * this file, dist/server/main.js, and calls `main`), `npm run dev` and the tests (tsx runs
 * this file, which then starts itself). Exits with a clear one-paragraph message, not a stack
 * trace, when the configuration is wrong or the data directory is in use.
 *
 * `webBuild`: the web app's build running meanwhile (a first start); the server listens once
 * it is done, and stops with its error if it fails.
 */
export async function main(opts: { webBuild?: Promise<void> } = {}): Promise<void> {
  try {
    let config: ReturnType<typeof loadConfig>;
    try {
      config = loadConfig();
    } catch (err) {
      if (err instanceof ConfigError) {
        console.error(err.message);
        process.exit(2);
      }
      throw err;
    }
    if (config.demoData) enableDemoData();
    await startServer(config, { buildApp, resolveDataKey }, opts);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}

/** True when this file is the script the process was started with (node compares real paths: a symlinked checkout too). */
function isProcessScript(): boolean {
  try {
    return !!process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(path.resolve(process.argv[1]))).href;
  } catch {
    return false;
  }
}

// Started directly (tsx src/server/main.ts, node dist/server/main.js) rather than imported by scripts/start.mjs.
if (isProcessScript()) void main();
