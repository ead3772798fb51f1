/**
 * What `npm start` builds before it runs, and when a build is stale: the server bundle
 * (dist/server, esbuild, scripts/build-server.mjs) and the web app (dist/web, Vite). dist/ is
 * not in git, so a fresh clone's first start builds both; a restart only compares file times
 * (a few milliseconds), and rebuilds what a changed source made older than its output.
 *
 * The pure half (`isStale`, `newestMtime` over an injectable stat) is unit-tested in
 * tests/unit/start-builds.test.ts; the rest touches the file system and child processes.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '../..');

export const SERVER_OUT = 'dist/server/main.js';
/** The bundle's own list of the files it was built from (esbuild's metafile inputs), written beside it. */
export const SERVER_INPUTS = 'dist/server/inputs.json';
/** Read at run time from beside the bundle (db/client.ts resolves them from its own file). */
export const SERVER_ASSETS = [{ from: 'src/server/db/migrations', to: 'dist/server/migrations' }];
/** Besides the bundled files: what else makes a server bundle stale. */
export const SERVER_EXTRA_SOURCES = ['scripts/build-server.mjs', 'scripts/lib/builds.mjs', 'tsconfig.json', 'src/server/db/migrations'];

export const WEB_OUT = 'dist/web/index.html';
export const WEB_SOURCES = ['src/web', 'src/contracts', 'vite.config.ts'];

/**
 * The newest modification time under `paths` (files, or folders walked whole), or Infinity
 * when one is missing: a deleted source counts as a change.
 * `io` is the file system (`fs` by default) so the test can give a fake one.
 */
export function newestMtime(paths, io = fs) {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = io.statSync(p);
    } catch {
      newest = Number.POSITIVE_INFINITY;
      return;
    }
    if (st.isDirectory()) {
      for (const name of io.readdirSync(p)) visit(path.join(p, name));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of paths) visit(p);
  return newest;
}

/** Stale when the output is missing or older than its newest source (missing sources included). */
export function isStale(output, sources, io = fs) {
  let out;
  try {
    out = io.statSync(output).mtimeMs;
  } catch {
    return true;
  }
  return newestMtime(sources, io) > out;
}

/** The sources of the server bundle: the files it was built from, as its build recorded them, and the extras. */
export function serverSources(root = ROOT, io = fs) {
  let inputs;
  try {
    inputs = JSON.parse(io.readFileSync(path.join(root, SERVER_INPUTS), 'utf8'));
  } catch {
    return null; // no record of a build: stale
  }
  if (!Array.isArray(inputs)) return null;
  return [...inputs, ...SERVER_EXTRA_SOURCES].map((p) => path.join(root, p));
}

export function serverIsStale(root = ROOT, io = fs) {
  const sources = serverSources(root, io);
  return sources === null || isStale(path.join(root, SERVER_OUT), sources, io);
}

export function webIsStale(root = ROOT, io = fs) {
  return isStale(
    path.join(root, WEB_OUT),
    WEB_SOURCES.map((p) => path.join(root, p)),
    io,
  );
}

/**
 * Starts `vite build` as a child process and returns a promise of its end, so the caller can
 * do other work (the server's migrations and demo load) while the web app builds.
 */
export function buildWeb(root = ROOT) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.config.ts', '--logLevel', 'warn'],
      { cwd: root, stdio: 'inherit' },
    );
    // A start that stops early (bad configuration, data directory in use) stops the build too.
    const stop = () => child.exitCode === null && child.kill();
    process.once('exit', stop);
    child.once('exit', () => process.off('exit', stop));
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`The web build failed (vite build: ${signal ?? `exit code ${code}`}).`)),
    );
  });
}
