/**
 * `npm run restore -- <backup.tar.gz> [--force]`: restores an archive made by `npm run backup`
 * into the configured installation (HOUQIN_DATA_DIR without a database, or an empty PostgreSQL
 * database in DATABASE_URL), then verifies the audit chains. Stop the server first.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/server/config';
import { RestoreRefused, restoreBackup } from './lib/backup';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { force: { type: 'boolean', default: false } } });
if (positionals.length !== 1) {
  console.error('usage: npm run restore -- <backup.tar.gz> [--force]');
  process.exit(2);
}
try {
  const config = loadConfig();
  const r = await restoreBackup(config, positionals[0]!, { force: values.force });
  console.log(`Restored the ${r.manifest.database} backup of ${r.manifest.createdAt} (${r.manifest.entries.length} entries).`);
  for (const a of r.audit) {
    console.log(`  audit trail of tenant ${a.tenant}: ${a.ok ? 'intact' : 'BROKEN'} (${a.checked} records, ${a.anchors} anchors checked)`);
    for (const p of a.problems) console.log(`    - ${p}`);
  }
  for (const w of r.warnings) console.warn(`  ! ${w}`);
  if (r.audit.some((a) => !a.ok)) process.exit(1);
} catch (err) {
  const known = err instanceof ConfigError || err instanceof RestoreRefused;
  console.error(known ? `Restore refused: ${(err as Error).message}` : `Restore failed: ${(err as Error).message}`);
  process.exit(1);
}
