/**
 * `npm run audit:verify`: recomputes every tenant's SM3 audit chain and names the first bad
 * record. Exit code 0 when every chain is intact, 1 otherwise. Uses the same configuration
 * as the server (DATABASE_URL or HOUQIN_DATA_DIR); stop the server first when on PGlite.
 */
import { isNull } from 'drizzle-orm';
import { loadConfig } from '../src/server/config';
import { verifyAuditChain, orgs } from '../src/server/core/bootstrap';
import { openDatabase } from '../src/server/db/client';

const config = loadConfig();
const h = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.dataDir });
let bad = 0;
try {
  const roots = await h.db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(isNull(orgs.parentId));
  for (const r of roots) {
    const res = await verifyAuditChain(h.db, r.id);
    if (res.ok) console.log(`OK   tenant ${r.id} ${r.name}: ${res.checked} records, chain intact`);
    else {
      bad++;
      console.log(
        `FAIL tenant ${r.id} ${r.name}: first bad record id ${res.firstBadId} (${res.reason}); ${res.checked} records verified before it`,
      );
    }
  }
} finally {
  await h.close();
}
process.exit(bad ? 1 : 0);
