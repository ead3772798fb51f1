/**
 * `npm run audit:verify`: checks every tenant's audit trail against what a database
 * administrator cannot forge: recomputes the SM3 chain, checks each anchor's HMAC-SM3 (audit
 * key) and that every anchored head is still there with the same hash and position, and that
 * nothing younger than the 180-day minimum was purged. Detects a rewritten record (even with
 * every later hash recomputed), deletion of the newest records, and an early purge.
 * Exit code 0 when everything holds, 1 otherwise. Uses the server's configuration
 * (DATABASE_URL or HOUQIN_DATA_DIR; HOUQIN_AUDIT_KEY or audit.key in the data directory);
 * stop the server first when on PGlite.
 */
import { loadConfig } from '../src/server/config';
import { AUDIT_ANCHORS_FILE, describeIntegrityProblem, readAuditKey, verifyAllAuditIntegrity } from '../src/server/core/bootstrap';
import { openDatabase } from '../src/server/db/client';

const config = loadConfig();
const key = readAuditKey(config.auditKey, config.dataDir);
const h = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.dataDir });
let bad = 0;
try {
  const results = await verifyAllAuditIntegrity(h.db, { key, dataDir: config.dataDir });
  console.log(`Anchors: ${config.dataDir}/${AUDIT_ANCHORS_FILE}${key ? '' : ' (no audit key found)'}`);
  for (const r of results) {
    const head = `head #${r.head.lastId} ${r.head.hash.slice(0, 16)}…, ${r.head.count} records`;
    const anchor = r.lastAnchor ? `last anchor ${r.lastAnchor.at} at #${r.lastAnchor.lastId}` : 'no anchor yet';
    if (r.ok) {
      console.log(`OK   tenant ${r.tenantId}: ${r.checked} records verified; ${head}; ${r.anchors} anchors checked, ${anchor}`);
      if (r.head.hmac) console.log(`     head HMAC-SM3 ${r.head.hmac}`);
      if (!r.anchors && r.head.count)
        console.log('     warning: no anchor for this tenant: truncation cannot be checked until one is taken');
    } else {
      bad++;
      console.log(`FAIL tenant ${r.tenantId}: ${r.checked} records verified; ${head}; ${r.anchors} anchors checked, ${anchor}`);
      for (const p of r.problems) console.log(`     - ${describeIntegrityProblem(p, 'en')}`);
    }
  }
} finally {
  await h.close();
}
process.exit(bad ? 1 : 0);
