import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { resolveDataKey } from './core/crypto/crypto';
import { enableDemoData } from './demo';
import { startServer } from './server';

/**
 * Entry point for `npm start`. Exits with a clear one-paragraph message, not a stack trace,
 * when the configuration is wrong or the data directory is in use.
 */
async function main() {
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
  await startServer(config, { buildApp, resolveDataKey });
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
