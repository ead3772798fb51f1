import type { AppDeps, App } from './app';
import type { Config } from './config';
import { openDatabase } from './db/client';
import { prepareDatabase } from './core/bootstrap/prepare';

type Builders = { buildApp: (d: AppDeps) => Promise<App>; resolveDataKey: (k: string | undefined, dir: string) => string };

/**
 * Opens the database, prepares it (roles, demo data on first start outside production),
 * listens, and shuts down gracefully: stop accepting, let in-flight requests finish, then
 * close the database (PGlite checkpoints so its files need no recovery on the next start).
 */
export async function startServer(config: Config, b: Builders, opts: { webBuild?: Promise<void> } = {}): Promise<App> {
  const t0 = performance.now();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.dataDir, poolSize: config.poolSize });
  const dataKey = b.resolveDataKey(config.dataKey, config.dataDir);
  const opened = performance.now();
  const app = await b.buildApp({ config, database, dataKey, webBuild: opts.webBuild });
  const built = performance.now();
  try {
    await prepareDatabase(app, config);
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await app.close().catch(() => {});
    await database.close().catch(() => {});
    throw err;
  }
  app.services.jobs.setLogger(app.log);
  if (config.jobs) app.services.jobs.start();
  const ready = performance.now();
  // Where a start's time goes (module loading is the time before t0, counted from the process's start).
  app.log.debug(
    {
      loadMs: Math.round(t0),
      openMs: Math.round(opened - t0),
      buildMs: Math.round(built - opened),
      prepareMs: Math.round(ready - built),
    },
    'start phases',
  );
  app.log.info({ ms: Math.round(ready - t0), database: database.kind }, 'Houqin ready');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    // Responses now tell keep-alive clients to go (see app.ts), and idle sockets are closed as
    // soon as their last response is out: a client holding its connection open would otherwise
    // hold the shutdown until the keep-alive timeout.
    app.shuttingDown = true;
    const idle = setInterval(() => app.server.closeIdleConnections?.(), 100);
    idle.unref();
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      app.log.error('shutdown timed out after 20 s');
      process.exit(1);
    }, 20_000);
    force.unref();
    try {
      await app.close(); // stops accepting and waits for in-flight requests and onClose hooks
      await database.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  return app;
}
