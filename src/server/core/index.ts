/**
 * The core's public surface. Domain modules import from here only, never from core internals,
 * and the core never imports a module (checked by dependency-cruiser in CI).
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps';
import type { Db } from '../db/client';
import { accountsRoutes } from './accounts/accounts.routes';
import { approvalRoutes } from './approval/approval.routes';
import { ApprovalService } from './approval/approval.service';
import { AccountsService } from './accounts/accounts.service';
import { auditRoutes } from './audit/audit.routes';
import { authPlugin } from './auth/auth.plugin';
import { authRoutes } from './auth/auth.routes';
import { AuthService } from './auth/auth.service';
import { FieldCipher } from './crypto/crypto';
import { filesRoutes } from './files/files.routes';
import { FilesService } from './files/files.service';
import { healthRoutes } from './http/health.routes';
import { registerBuiltinJobs } from './jobs/builtin-jobs';
import { jobsRoutes } from './jobs/jobs.routes';
import { JobsService } from './jobs/jobs.service';
import { httpPlugin } from './http/http.plugin';
import { orgRoutes } from './org/org.routes';
import { notificationRoutes } from './notifications/notifications.routes';
import { OrgService } from './org/org.service';
import { peopleRoutes } from './people/people.routes';
import { refdataRoutes } from './refdata/refdata.routes';
import { RefdataService } from './refdata/refdata.service';
import { PeopleService } from './people/people.service';

export type CoreServices = {
  db: Db;
  cipher: FieldCipher;
  auth: AuthService;
  orgs: OrgService;
  accounts: AccountsService;
  people: PeopleService;
  refdata: RefdataService;
  approvals: ApprovalService;
  jobs: JobsService;
  files: FilesService;
};

export function createCoreServices(deps: AppDeps): CoreServices {
  const db = deps.database.db;
  const cipher = new FieldCipher(deps.dataKey);
  return {
    db,
    cipher,
    auth: new AuthService(db, deps.config.sessionIdleMinutes),
    orgs: new OrgService(db),
    accounts: new AccountsService(db),
    people: new PeopleService(db, cipher),
    refdata: new RefdataService(db),
    approvals: new ApprovalService(db),
    jobs: new JobsService(db, console),
    files: new FilesService(db, path.join(deps.config.dataDir, 'files'), deps.config.maxUploadBytes),
  };
}

export async function registerCoreRoutes(app: FastifyInstance, s: CoreServices, deps: AppDeps): Promise<void> {
  await app.register(httpPlugin);
  await app.register(authPlugin, { auth: s.auth, secureCookies: deps.config.env === 'production' });
  await app.register(healthRoutes, { database: deps.database });
  await app.register(authRoutes, { db: s.db, auth: s.auth, loginRateLimit: deps.config.loginRateLimit });
  await app.register(orgRoutes, { orgs: s.orgs });
  await app.register(accountsRoutes, { accounts: s.accounts });
  await app.register(auditRoutes, { db: s.db });
  await app.register(refdataRoutes, { refdata: s.refdata });
  await app.register(notificationRoutes, { db: s.db });
  await app.register(approvalRoutes, { approvals: s.approvals });
  registerBuiltinJobs({ auditRetentionDays: deps.config.auditRetentionDays, sessionIdleMinutes: deps.config.sessionIdleMinutes });
  await app.register(jobsRoutes, { jobs: s.jobs });
  await app.register(filesRoutes, { files: s.files, maxUploadMb: Math.round(deps.config.maxUploadBytes / 1048576) });
  app.addHook('onClose', async () => s.jobs.stop());
  await app.register(peopleRoutes, { people: s.people, db: s.db, maxUploadMb: Math.round(deps.config.maxUploadBytes / 1048576) });
}

export { requireAuth } from './auth/auth.plugin';
export { writeAudit } from './audit/audit.service';
export { AppError, badRequest, conflict, fieldError, forbidden, notFound, validationFailed } from './http/errors';
export { AuthContext, systemContext } from './rbac/context';
export { definePermissions, type PermissionSet } from './rbac/permissions';
export type { BuiltinRole } from './rbac/builtin-roles';
export { inScope, assertOrgInScope, scopeOn, unitOf } from './rbac/scope';
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
export { notify } from './notifications/notify';
export { type ApprovalInstance, type BusinessType, statusHooks } from './approval';
export { bureauLeader, bureauReview, unitLeader, unitReview, when } from './approval';
export { type Executor, queryRows } from '../db/client';
export { P } from './rbac/permissions';
export type { Job } from './jobs/jobs.service';
export type { AttachmentOwner } from './files/files.service';
export { type Locale, type MessageCode, type MessageSet, defineMessages, translate } from './i18n/messages';
export {
  type ExcelColumn,
  buildTemplate,
  exportRows,
  parseCnTime,
  parseCsv,
  parseWorkbook,
  readUpload,
  sendXlsx,
  tabularWorkbook,
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
