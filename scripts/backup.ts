/**
 * `npm run backup [-- --out <file.tar.gz>] [--no-key]`: the database, the uploaded files and
 * the key file(s) in one archive (see scripts/lib/backup.ts and the README's "Backup and
 * restore"). Uses the server's configuration (DATABASE_URL or HOUQIN_DATA_DIR). On the embedded
 * database stop the server first: the backup takes the data directory's lock.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/server/config';
import { createBackup } from './lib/backup';

const { values } = parseArgs({ options: { out: { type: 'string' }, 'no-key': { type: 'boolean', default: false } } });
try {
  const config = loadConfig();
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const out = values.out ?? `houqin-backup-${stamp}.tar.gz`;
  const r = await createBackup(config, out, { includeKey: !values['no-key'] });
  const bytes = r.manifest.entries.reduce((n, e) => n + e.size, 0);
  console.log(`Backup written: ${r.file}`);
  console.log(
    `  database: ${r.manifest.database} (${r.manifest.migrationsApplied} migrations); ${r.manifest.entries.length} entries, ${bytes} bytes before compression`,
  );
  console.log(`  data key: ${r.manifest.dataKey}`);
  for (const w of r.warnings) console.warn(`  ! ${w}`);
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `Backup failed: ${(err as Error).message}`);
  process.exit(1);
}
