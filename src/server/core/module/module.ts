import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import type { CoreServices } from '../services';
import { type BusinessType, registerBusinessType } from '../approval/registry';
import { type AttachmentOwner, registerAttachmentOwner } from '../files/files.service';
import { type MessageSet, registerMessages } from '../i18n/messages';
import { type Job, registerJob } from '../jobs/jobs.service';
import { registerOrgReferenceCheck } from '../org/org.service';
import { registerPersonReferenceCheck } from '../people/people.repository';
import { type BuiltinRole, extendBuiltinRole, registerBuiltinRole } from '../rbac/builtin-roles';
import { type PermissionSet, registerPermissions } from '../rbac/permissions';
import { type RuleTableDefinition, registerRuleTables } from '../refdata/rule-table';
import type { Executor } from '../../db/client';
import { CORE_AUDIT_VOCABULARY } from '../audit/audit.core-vocabulary';
import { type AuditVocabulary, registerAuditVocabulary } from '../audit/audit.vocabulary';
import {
  CORE_SEARCH_SOURCES,
  CORE_WORKBENCH_COUNTERS,
  type SearchSource,
  type WorkbenchCounter,
  registerSearchSource,
  registerWorkbenchCounter,
} from '../workbench/workbench';

type DemoOrg = { id: number; tenantId: number; path: string; name: string; staffing: number | null };

/** One demo account a module adds (the README's account table lists them). */
export type ModuleDemoAccount = {
  username: string;
  displayName: string;
  orgId: number;
  roleCode: string;
  personId?: number | null;
  /** false: the role covers the org only, not its subtree (default true). */
  subtree?: boolean;
};

/** What the demo loader hands a module: the district it built, the accounts so far, and a way to add accounts. */
export type ModuleDemoContext = {
  bureau: DemoOrg;
  /** Demo units by short key ('u03' …), and 'bureau'. */
  units: Map<string, DemoOrg>;
  /** Account ids by username. */
  accounts: Map<string, number>;
  /** Creates accounts (demo password, in one transaction, in this order) and adds them to `accounts`. */
  createAccounts: (list: ModuleDemoAccount[]) => Promise<void>;
};

/**
 * Everything a domain module adds to the platform, declared in one place (its `index.ts`).
 * Nothing registers itself as a side effect of an import: `installModules` reads these
 * declarations in the order of `src/server/modules/index.ts` (MODULES), so the module list is
 * the one place that says what the platform contains.
 */
export type ModuleDefinition = {
  /** Folder name. */
  name: string;
  titleZh: string;
  titleEn: string;
  /** Sets returned by `definePermissions` (the module's permissions, with their labels). */
  permissions?: readonly PermissionSet[];
  /** Sets returned by `defineMessages` (the module's error codes in both languages). */
  messages?: readonly MessageSet[];
  /** Built-in roles this module adds (driver, dispatcher, keeper …). */
  roles?: readonly BuiltinRole[];
  /**
   * Permissions given to built-in roles of the core or of modules listed earlier:
   * { manager: [...] }. Applied after `roles`, so a module may extend its own roles too.
   */
  grants?: Readonly<Record<string, readonly string[]>>;
  businessTypes?: readonly BusinessType[];
  /**
   * Scheduled jobs. A list is registered once; a function (jobs that use the module's
   * services) is called for each app built, with that app's core services.
   */
  jobs?: readonly Job[] | ((core: CoreServices) => readonly Job[]);
  /** Attachment owner types (`files.owner_type`) this module answers for. */
  attachmentOwners?: Readonly<Record<string, AttachmentOwner>>;
  /** Counts of this module's records that forbid hard-deleting an org / a person. */
  orgReferences?: readonly ((db: Executor, orgId: number) => Promise<number>)[];
  personReferences?: readonly ((db: Executor, personId: number) => Promise<number>)[];
  ruleTables?: readonly RuleTableDefinition<never>[] | readonly RuleTableDefinition[];
  /**
   * What the audit log calls this module's actions, record types, fields and coded values, in
   * both languages (`defineAuditVocabulary`): every `entityType` and non-core `action` the module
   * writes must be declared (a unit test greps the writes).
   */
  audit?: AuditVocabulary;
  /**
   * The module's to-do counters on the caller's workbench (待派车, 待验收 …): each visible with
   * its permissions, counted in the caller's scope, linking to the list filtered to them.
   */
  workbench?: readonly WorkbenchCounter[];
  /** The module's records the header search finds (vehicles by plate, assets by code …), scoped to the caller. */
  search?: readonly SearchSource[];
  /** Registers the module's HTTP routes (and per-app hooks) on one app. */
  routes?: (app: FastifyInstance, core: CoreServices, deps: AppDeps) => Promise<void>;
  demo?: {
    /** Creates the module's demo accounts with `ctx.createAccounts`. Runs before `seed` unless `accountsAfterSeed`. */
    accounts?: (core: CoreServices, ctx: ModuleDemoContext) => Promise<void>;
    /** true when the accounts are picked from the seeded data (the vehicles' driver is a seeded driver). */
    accountsAfterSeed?: boolean;
    seed?: (core: CoreServices, ctx: ModuleDemoContext) => Promise<void>;
  };
};

/** Declares a module (identity function, for the type). */
export function defineModule(def: ModuleDefinition): ModuleDefinition {
  return def;
}

const installed = new Set<string>();

/**
 * Registers the declarations of each module, once per process, in list order: permissions and
 * messages, roles then grants (a module may grant on roles of modules listed before it),
 * business types, static jobs, attachment owners, reference checks, rule tables. Everything
 * that needs the registrations (the app, the demo loader, scripts) goes through here or
 * `buildApp`; unit tests of pure rules need none.
 */
export function installModules(modules: readonly ModuleDefinition[]): void {
  if (!installed.has('(core)')) {
    installed.add('(core)');
    registerAuditVocabulary(CORE_AUDIT_VOCABULARY);
    for (const c of CORE_WORKBENCH_COUNTERS) registerWorkbenchCounter(c);
    for (const s of CORE_SEARCH_SOURCES) registerSearchSource(s);
  }
  for (const m of modules) {
    if (installed.has(m.name)) continue;
    installed.add(m.name);
    for (const s of m.permissions ?? []) registerPermissions(s);
    for (const s of m.messages ?? []) registerMessages(s);
    for (const r of m.roles ?? []) registerBuiltinRole({ ...r, permissions: [...r.permissions] });
    for (const [role, perms] of Object.entries(m.grants ?? {})) extendBuiltinRole(role, [...perms]);
    for (const t of m.businessTypes ?? []) registerBusinessType(t);
    if (Array.isArray(m.jobs)) for (const j of m.jobs as readonly Job[]) registerJob(j);
    for (const [type, owner] of Object.entries(m.attachmentOwners ?? {})) registerAttachmentOwner(type, owner);
    for (const c of m.orgReferences ?? []) registerOrgReferenceCheck(c);
    for (const c of m.personReferences ?? []) registerPersonReferenceCheck(c);
    if (m.ruleTables) registerRuleTables(m.ruleTables);
    if (m.audit) registerAuditVocabulary(m.audit);
    for (const c of m.workbench ?? []) registerWorkbenchCounter(c);
    for (const s of m.search ?? []) registerSearchSource(s);
  }
}

/** Per app: installs the modules (once per process), then registers their per-app jobs and routes in list order. */
export async function registerModuleRoutes(
  app: FastifyInstance,
  core: CoreServices,
  deps: AppDeps,
  modules: readonly ModuleDefinition[],
): Promise<void> {
  installModules(modules);
  for (const m of modules) {
    if (typeof m.jobs === 'function') for (const j of m.jobs(core)) registerJob(j);
    if (m.routes) await m.routes(app, core, deps);
  }
}
