/**
 * The core's surface for tooling: setup, the demo loader, scripts (seed-scale, bench, audit
 * verification). They stand outside the app, so they need a few things a domain module never
 * does (creating accounts, preparing a database, writing people and orgs in bulk); they take
 * them from here rather than from core internals, so the core can change its insides freely
 * (dependency rule `tools-through-core-index`). Domain modules keep to src/server/core/index.ts.
 */
export { createAccount, databaseIsEmpty, setupTenant, syncBuiltinRoles } from './bootstrap';
export { prepareDatabase, registerDemoLoader } from './prepare';
export { registerDemoProbe } from './demo-flag';
export { hashPassword, resolveDataKey } from '../crypto/crypto';
export { verifyAuditChain } from '../audit/audit.service';
export {
  AUDIT_ANCHORS_FILE,
  describeIntegrityProblem,
  readAuditKey,
  verifyAllAuditIntegrity,
  writeAuditAnchors,
} from '../audit/audit.anchors';
export { creditCodeWithCheck } from '../org/credit-code';
export { orgs } from '../org/org.schema';
export { type OrgRow, orgRepository } from '../org/org.repository';
export { OrgService } from '../org/org.service';
export { peopleRepository } from '../people/people.repository';
export { people, personStatusHistory } from '../people/people.schema';
