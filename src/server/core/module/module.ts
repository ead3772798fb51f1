import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import type { CoreServices } from '../index';
import { type BusinessType, registerBusinessType } from '../approval/registry';
import { type AttachmentOwner, registerAttachmentOwner } from '../files/files.service';
import { type Job, registerJob } from '../jobs/jobs.service';
import { registerOrgReferenceCheck } from '../org/org.service';
import { registerPersonReferenceCheck } from '../people/people.repository';
import { type BuiltinRole, extendBuiltinRole, registerBuiltinRole } from '../rbac/builtin-roles';
import { type RuleTableDefinition, registerRuleTables } from '../refdata/rule-table';
import type { Executor } from '../../db/client';

/** What the demo loader hands a module: the district it built and the accounts so far. */
export type ModuleDemoContext = {
  bureau: { id: number; tenantId: number; path: string; name: string };
  units: Map<string, { id: number; tenantId: number; path: string; name: string }>;
  accounts: Map<string, number>;
};

export type ModuleDemoAccount = {
  username: string;
  displayName: string;
  /** 'bureau' or a demo unit's short name. */
  org: string;
  roleCode: string;
  /** One line for the README's account table. */
  descriptionZh: string;
  descriptionEn: string;
};

/**
 * Everything a domain module adds to the platform, declared in one place (its `index.ts`).
 * Nothing registers itself as a side effect of an import: `installModules` reads these
 * declarations in the order of `src/server/modules/index.ts`, so the module list is the one
 * place that says what the platform contains.
 */
export type ModuleDefinition = {
  /** Folder name, also the prefix of its permissions and messages. */
  name: string;
  titleZh: string;
  titleEn: string;
  /** Built-in roles this module adds (driver, dispatcher, keeper …). */
  roles?: BuiltinRole[];
  /** Permissions given to built-in roles of the core or of other modules: { manager: [...] }. */
  grants?: Record<string, readonly string[]>;
  businessTypes?: BusinessType[];
  jobs?: Job[];
  attachmentOwners?: Record<string, AttachmentOwner>;
  /** Counts of this module's records that forbid hard-deleting an org / a person. */
  orgReferences?: ((db: Executor, orgId: number) => Promise<number>)[];
  personReferences?: ((db: Executor, personId: number) => Promise<number>)[];
  ruleTables?: readonly RuleTableDefinition<never>[] | readonly RuleTableDefinition[];
  /** Registers the module's HTTP routes. */
  routes?: (app: FastifyInstance, core: CoreServices, deps: AppDeps) => Promise<void>;
  demo?: {
    /** Accounts created before `seed` runs (so the seed can act as them). */
    accounts?: ModuleDemoAccount[];
    seed?: (core: CoreServices, ctx: ModuleDemoContext) => Promise<void>;
  };
};

export function defineModule(def: ModuleDefinition): ModuleDefinition {
  return def;
}

const installed = new Set<string>();

/**
 * Registers the declarations of each module once per process (permissions and messages are
 * declared by `definePermissions` / `registerMessages` in the module's own files, which the
 * module's index imports). Routes are registered per app instance by `registerModuleRoutes`.
 */
export function installModules(modules: readonly ModuleDefinition[]): void {
  for (const m of modules) {
    if (installed.has(m.name)) continue;
    installed.add(m.name);
    for (const r of m.roles ?? []) registerBuiltinRole(r);
    for (const [role, perms] of Object.entries(m.grants ?? {})) extendBuiltinRole(role, [...perms]);
    for (const t of m.businessTypes ?? []) registerBusinessType(t);
    for (const j of m.jobs ?? []) registerJob(j);
    for (const [type, owner] of Object.entries(m.attachmentOwners ?? {})) registerAttachmentOwner(type, owner);
    for (const c of m.orgReferences ?? []) registerOrgReferenceCheck(c);
    for (const c of m.personReferences ?? []) registerPersonReferenceCheck(c);
    if (m.ruleTables) registerRuleTables(m.ruleTables);
  }
}

export async function registerModuleRoutes(
  app: FastifyInstance,
  core: CoreServices,
  deps: AppDeps,
  modules: readonly ModuleDefinition[],
): Promise<void> {
  installModules(modules);
  for (const m of modules) if (m.routes) await m.routes(app, core, deps);
}
