// Brings dist/ up to date without starting the server: the server bundle and the web app,
// each only when stale (scripts/lib/builds.mjs). `npm start` does the same itself; the
// benchmarks and the end-to-end tests call this before they time or drive a server.
import { buildWeb, serverIsStale, webIsStale } from './lib/builds.mjs';

async function buildServer() {
  const { buildServerBundle } = await import('./build-server.mjs');
  await buildServerBundle();
}

let web;
if (webIsStale()) {
  console.log('Building the web app (first start or sources changed)…');
  web = buildWeb();
  web.catch(() => {}); // awaited below, after the server's build
}
try {
  if (serverIsStale()) await buildServer();
  await web;
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
