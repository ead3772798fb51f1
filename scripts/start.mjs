#!/usr/bin/env node
/**
 * `npm start`: one node process. Builds what is stale — the server bundle (esbuild, in this
 * process, about a second) and the web app (Vite, as a child process) — then imports the
 * server bundle, dist/server/main.js, and starts it. A restart with both builds fresh costs a
 * few milliseconds of file times here; no TypeScript is compiled at start.
 *
 * On a first start (fresh clone: dist/ is not in git) the web app builds while the server
 * opens the database, migrates and loads the demo district; the server listens, and /readyz
 * answers, once both are done, so the first page a user opens is there. See
 * scripts/lib/builds.mjs for what makes a build stale.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildWeb, ROOT, SERVER_OUT, serverIsStale, webIsStale } from './lib/builds.mjs';

// Source maps are written beside the bundle but not read by default: reading them costs about
// 0.4 s of CPU at every start. `NODE_OPTIONS=--enable-source-maps npm start` gives stack traces
// in the TypeScript sources.

/** The server's build (esbuild, in this process, about a second); its module is loaded only when needed. */
async function buildServer() {
  const { buildServerBundle } = await import('./build-server.mjs');
  await buildServerBundle();
}

let webBuild;
if (webIsStale()) {
  console.log('Building the web app (first start or sources changed)…');
  webBuild = buildWeb();
  // Its failure is reported by the server, which waits for it before listening; until then
  // this keeps the rejection from counting as unhandled.
  webBuild.catch(() => {});
}
try {
  if (serverIsStale()) {
    console.log('Building the server (first start or sources changed)…');
    await buildServer();
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
const { main } = await import(pathToFileURL(path.join(ROOT, SERVER_OUT)).href);
await main({ webBuild });
