/**
 * `npm run setup -- --bureau "某市机关事务管理局" --level city`
 * First start in production: creates the top-level bureau and the three separated
 * administrators (sysadmin, secadmin, auditor) on an empty database, without demo data.
 * The initial password comes from HOUQIN_SETUP_PASSWORD (never a command-line argument,
 * which would end up in shell history); each administrator must change it at first sign-in.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/server/config';
import { setupTenant } from '../src/server/core/bootstrap';
import { openDatabase } from '../src/server/db/client';

const { values } = parseArgs({
  options: {
    bureau: { type: 'string' },
    level: { type: 'string', default: 'county' },
    sysadmin: { type: 'string', default: 'sysadmin' },
    secadmin: { type: 'string', default: 'secadmin' },
    auditor: { type: 'string', default: 'auditor' },
  },
});
const password = process.env.HOUQIN_SETUP_PASSWORD;
const levels = ['central', 'province', 'city', 'county', 'township'] as const;
if (!values.bureau || !password || !levels.includes(values.level as never)) {
  console.error(
    'Usage: HOUQIN_SETUP_PASSWORD=… npm run setup -- --bureau "<name>" --level central|province|city|county|township [--sysadmin NAME --secadmin NAME --auditor NAME]',
  );
  process.exit(2);
}
const config = loadConfig();
const h = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.dataDir });
try {
  const { tenantId } = await setupTenant(h.db, {
    bureauName: values.bureau,
    agencyLevel: values.level as (typeof levels)[number],
    admins: { sysadmin: values.sysadmin!, secadmin: values.secadmin!, auditor: values.auditor! },
    password,
  });
  console.log(
    `Created bureau #${tenantId} "${values.bureau}" with administrators ${values.sysadmin}, ${values.secadmin}, ${values.auditor}. Each must change the initial password at first sign-in.`,
  );
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await h.close();
}
