/**
 * The core's public surface. Domain modules import from here only, never from core internals,
 * and the core never imports a module (checked by dependency-cruiser in CI).
 */
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps';
import type { CoreServices } from './services';
import { accountsRoutes } from './accounts/accounts.routes';
import { approvalRoutes } from './approval/approval.routes';
import { resolveAuditKey } from './audit/audit.anchors';
import { auditRoutes } from './audit/audit.routes';
import { authPlugin } from './auth/auth.plugin';
import { authRoutes } from './auth/auth.routes';
import { filesRoutes } from './files/files.routes';
import { healthRoutes } from './http/health.routes';
import { registerBuiltinJobs } from './jobs/builtin-jobs';
import { jobsRoutes } from './jobs/jobs.routes';
import { httpPlugin } from './http/http.plugin';
import { orgRoutes } from './org/org.routes';
import { notificationRoutes } from './notifications/notifications.routes';
import { peopleRoutes } from './people/people.routes';
import { refdataRoutes } from './refdata/refdata.routes';
import { workbenchRoutes } from './workbench/workbench';

export { type CoreServices, createCoreServices } from './services';
export { type SearchHit, type SearchInput, type SearchSource, type WorkbenchCounter, escapeLike } from './workbench/workbench';

export async function registerCoreRoutes(app: FastifyInstance, s: CoreServices, deps: AppDeps): Promise<void> {
  await app.register(httpPlugin);
  await app.register(authPlugin, { auth: s.auth, secureCookies: deps.config.env === 'production' });
  await app.register(healthRoutes, { database: deps.database });
  await app.register(authRoutes, { db: s.db, auth: s.auth, loginRateLimit: deps.config.loginRateLimit });
  await app.register(orgRoutes, { orgs: s.orgs });
  await app.register(accountsRoutes, { accounts: s.accounts });
  // The audit key seals the chain's anchors; like the data key it never enters the database.
  const auditKey = resolveAuditKey(deps.config.auditKey, deps.config.dataDir);
  await app.register(auditRoutes, { db: s.db, auditKey, dataDir: deps.config.dataDir });
  await app.register(refdataRoutes, { refdata: s.refdata });
  await app.register(notificationRoutes, { db: s.db });
  await app.register(approvalRoutes, { approvals: s.approvals });
  await app.register(workbenchRoutes, { db: s.db });
  registerBuiltinJobs({
    auditRetentionDays: deps.config.auditRetentionDays,
    sessionIdleMinutes: deps.config.sessionIdleMinutes,
    auditKey,
    dataDir: deps.config.dataDir,
  });
  await app.register(jobsRoutes, { jobs: s.jobs });
  await app.register(filesRoutes, { files: s.files, maxUploadMb: Math.round(deps.config.maxUploadBytes / 1048576) });
  app.addHook('onClose', async () => s.jobs.stop());
  await app.register(peopleRoutes, { people: s.people, db: s.db, maxUploadMb: Math.round(deps.config.maxUploadBytes / 1048576) });
}

export { requireAuth } from './auth/auth.plugin';
export { writeAudit } from './audit/audit.service';
export { type AuditVocabulary, defineAuditVocabulary } from './audit/audit.vocabulary';
export { AppError, badRequest, conflict, fieldError, forbidden, notFound, validationFailed } from './http/errors';
export { AuthContext, systemContext } from './rbac/context';
export { definePermissions, type PermissionSet } from './rbac/permissions';
export type { BuiltinRole } from './rbac/builtin-roles';
export { inScope, inScopePrepared, scopeParams, type ScopeParams, assertOrgInScope, scopeOn, unitOf } from './rbac/scope';
export { accountsWith } from './rbac/grants.repository';
export { num, numOrNull, iso, day, where, dbError } from './util/sql';
export {
  CN_OFFSET_MS,
  cnDate,
  cnToday,
  cnDayStart,
  cnDaysOf,
  addDays,
  daysFromTo,
  isIsoDay,
  now,
  nowMs,
  resetClock,
  setClockForTests,
  utcDay,
} from './util/dates';
export { toFen, fenToYuan, sumYuan, ratioOf, toYuan, toYuanOrNull } from './util/money';
export { formatYuan } from '../../contracts/money';
export { notify } from './notifications/notify';
export { type ApprovalInstance, type BusinessType, statusHooks } from './approval';
export { bureauLeader, bureauReview, INITIATOR_FACT, unitLeader, unitReview, when } from './approval';
export { defineApprovalSummary } from '../../contracts/core/approval-summary';
export { type Executor, both, concurrently, countRows, hotPage, hotSelect, pgArray, queryRows } from '../db/client';
export { P } from './rbac/permissions';
export { type Job, defineJob, sumOver } from './jobs/jobs.service';
export type { AttachmentOwner } from './files/files.service';
export { type Locale, type MessageCode, type MessageSet, defineMessages, translate } from './i18n/messages';
export {
  type ExcelColumn,
  EXPORT_BATCH,
  MAX_EXPORT_ROWS,
  batchedRows,
  buildTemplate,
  exportRows,
  importOutcome,
  loadExcelJS,
  mapRows,
  parseCnTime,
  parseCsv,
  parseWorkbook,
  readUpload,
  sendXlsx,
  streamXlsx,
  tabularWorkbook,
  writeXlsxStream,
} from './excel/excel';
export { CALENDAR_DAYS } from './refdata/seed-data';
export { type DayOverrides, addWorkingDays, isWorkingDay, workingDaysBetween } from './refdata/calendar';
export {
  defineModule,
  installModules,
  registerModuleRoutes,
  type ModuleDefinition,
  type ModuleDemoAccount,
  type ModuleDemoContext,
} from './module';
export {
  type RuleTableDefinition,
  type RuleTableVersion,
  type RulePreviewEffect,
  type RulePreviewHook,
  type RulePreviewInput,
  assertRuleData,
  defineRuleTable,
  ruleInForce,
} from './refdata/rule-table';
export { type RouteHandler, type RouteRequest, mountRoute, mountRoutes } from './http/route';
