import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZOrgCreateSchema, ZOrgUpdateSchema } from '../../../contracts/core/org';
import { type Db, type Executor, queryRows } from '../../db/client';
import { writeAudit } from '../audit/audit.service';
import { AppError, badRequest, conflict, notFound } from '../http/errors';
import { AuthContext, type Grant } from '../rbac/context';
import { P } from '../rbac/permissions';
import { isValidCreditCode } from './credit-code';
import { type OrgRow, orgRepository as repo } from './org.repository';
import { orgs } from './org.schema';
import { invalidateGrants } from '../rbac/grants.repository';

/** Which kinds may sit under which: a bureau may hold bureaus (city → district), units and site groups. */
const ALLOWED_PARENTS: Record<string, string[]> = {
  bureau: ['bureau'],
  unit: ['bureau', 'unit'],
  department: ['unit', 'department'],
  site_group: ['bureau'],
};

function checkParentKind(kind: string, parent: OrgRow, locale: string) {
  if (!ALLOWED_PARENTS[kind]?.includes(parent.kind)) {
    throw badRequest('ORG_KIND_INVALID', {
      reason: locale === 'en' ? `${kind} cannot be placed under ${parent.kind}` : `${kind} 不能位于 ${parent.kind} 之下`,
    });
  }
}

/** References that forbid a hard delete. Modules register theirs (rooms, vehicles, meters …). */
type ReferenceCheck = (db: Executor, orgId: number) => Promise<number>;
const referenceChecks: ReferenceCheck[] = [];
export function registerOrgReferenceCheck(check: ReferenceCheck) {
  referenceChecks.push(check);
}

/** The caller's grants of every permission, read as org-list scope: the nodes they work on. */
function workContext(ctx: AuthContext): AuthContext {
  const grants: Grant[] = ctx.permissions().flatMap((p) => ctx.grants(p).map((g) => ({ ...g, permission: P['org.read'] })));
  return new AuthContext(ctx.account, grants, ctx.ip, ctx.locale, ctx.via);
}

export class OrgService {
  constructor(private readonly db: Db) {}

  /**
   * The org nodes the caller may see. With `org.read` (the organisation pages), its scope.
   * Without it, the list still feeds the unit pickers of the caller's own work (the pool keeper
   * choosing a receiving unit, the inspector the unit patrolled, staff their own unit): the
   * nodes their other grants cover, and no more. So a role gets no `org.read`, and no
   * 组织机构 menu, only to fill a form (least privilege, issue #17).
   */
  async list(ctx: AuthContext, q: { rootId?: number; kind?: string; status: string; q?: string }) {
    const viewer = ctx.has(P['org.read']) ? ctx : workContext(ctx);
    let rootPath: string | undefined;
    if (q.rootId) {
      const root = await this.get(viewer, q.rootId);
      rootPath = root.path;
    }
    return repo.list(this.db, viewer, P['org.read'], { rootPath, kind: q.kind, status: q.status, q: q.q });
  }

  async get(ctx: AuthContext, id: number, permission: string = P['org.read']): Promise<OrgRow> {
    const row = await repo.byId(this.db, id);
    if (!row || !ctx.covers(permission, row)) throw notFound('org');
    return row;
  }

  async create(ctx: AuthContext, input: z.infer<typeof ZOrgCreateSchema>): Promise<OrgRow> {
    ctx.require(P['org.write']);
    if (input.parentId === null) {
      // New top-level bureaus (tenants) are created by the bootstrap command, not the API.
      throw badRequest('ORG_KIND_INVALID', { reason: ctx.locale === 'en' ? 'a parent is required' : '必须指定上级机构' });
    }
    if (input.creditCode && !isValidCreditCode(input.creditCode)) throw badRequest('ORG_CODE_INVALID');
    return this.db.transaction(async (tx) => {
      const parent = await repo.byId(tx, input.parentId!);
      if (!parent || !ctx.covers(P['org.write'], parent)) throw notFound('org');
      if (parent.status !== 'active')
        throw badRequest('ORG_KIND_INVALID', { reason: ctx.locale === 'en' ? 'the parent is inactive' : '上级机构已停用' });
      checkParentKind(input.kind, parent, ctx.locale);
      let agencyLevel = input.agencyLevel;
      if (input.kind === 'department' || input.kind === 'site_group' || !agencyLevel) {
        // A department always carries its unit's level: the area standards are per unit.
        agencyLevel = input.kind === 'department' || input.kind === 'site_group' ? (parent.agencyLevel as typeof agencyLevel) : agencyLevel;
      }
      if (!agencyLevel) {
        throw badRequest(
          'VALIDATION_FAILED',
          { fields: 'agencyLevel' },
          { fields: [{ field: 'agencyLevel', message: ctx.locale === 'en' ? 'is required' : '必填' }] },
        );
      }
      const created = await this.insertUnder(tx, parent, {
        name: input.name,
        kind: input.kind,
        agencyLevel,
        shortName: input.shortName ?? null,
        creditCode: input.creditCode ?? null,
        staffing: input.staffing ?? null,
        sort: input.sort ?? 0,
      }).catch(mapUnique);
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'org',
        entityId: created.id,
        orgId: created.id,
        summary: created.name,
        after: created,
      });
      return created;
    });
  }

  /** Inserts a node and derives its path from the new id; also used by seeding and bootstrap. */
  async insertUnder(
    tx: Executor,
    parent: OrgRow | null,
    v: Omit<typeof orgs.$inferInsert, 'path' | 'depth' | 'tenantId' | 'parentId'>,
  ): Promise<OrgRow> {
    const row = await repo.insert(tx, {
      ...v,
      parentId: parent?.id ?? null,
      tenantId: parent?.tenantId ?? 0,
      path: '/',
      depth: parent ? parent.depth + 1 : 0,
    });
    const path = `${parent?.path ?? '/'}${row.id}/`;
    return repo.update(tx, row.id, { path, tenantId: parent?.tenantId ?? row.id });
  }

  async update(ctx: AuthContext, id: number, patch: z.infer<typeof ZOrgUpdateSchema>): Promise<OrgRow> {
    ctx.require(P['org.write']);
    if (patch.creditCode && !isValidCreditCode(patch.creditCode)) throw badRequest('ORG_CODE_INVALID');
    const result = await this.db.transaction(async (tx) => {
      // Lock the row: two admins moving the same node concurrently must not corrupt paths.
      await tx.execute(sql`select id from ${orgs} where id = ${id} for update`);
      const before = await repo.byId(tx, id);
      if (!before || !ctx.covers(P['org.write'], before)) throw notFound('org');
      const { parentId, ...fields } = patch;
      if (fields.agencyLevel && before.kind === 'department') delete fields.agencyLevel;
      if (fields.status === 'inactive' && before.status === 'active' && (await repo.countActiveChildren(tx, id)) > 0) {
        throw conflict('IN_USE');
      }
      if (parentId !== undefined && parentId !== before.parentId) {
        if (before.parentId === null) throw badRequest('ORG_KIND_INVALID', { reason: 'root' });
        const target = await repo.byId(tx, parentId);
        if (!target || !ctx.covers(P['org.write'], target)) throw notFound('org');
        if (target.path.startsWith(before.path)) throw badRequest('ORG_CYCLE');
        checkParentKind(before.kind, target, ctx.locale);
        const newPath = `${target.path}${before.id}/`;
        await repo.moveSubtree(tx, before.path, newPath, target.depth + 1 - before.depth);
        await repo.update(tx, id, { parentId });
        if (before.kind === 'department') fields.agencyLevel = target.agencyLevel as never;
      }
      const after = Object.keys(fields).length ? await repo.update(tx, id, fields).catch(mapUnique) : ((await repo.byId(tx, id)) as OrgRow);
      // A unit's level change flows down to its departments.
      if (fields.agencyLevel && before.kind === 'unit') {
        await tx.execute(
          sql`update ${orgs} set agency_level = ${fields.agencyLevel} where path like ${`${before.path}%`} and kind = 'department'`,
        );
      }
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'org',
        entityId: id,
        orgId: id,
        summary: after.name,
        before,
        after,
      });
      return after;
    });
    invalidateGrants(); // org paths and statuses are part of every grant
    return result;
  }

  /** Hard delete only for a node nothing refers to; otherwise the caller must deactivate it. */
  async remove(ctx: AuthContext, id: number): Promise<void> {
    ctx.require(P['org.write']);
    await this.db.transaction(async (tx) => {
      const before = await repo.byId(tx, id);
      if (!before || !ctx.covers(P['org.write'], before)) throw notFound('org');
      if (before.parentId === null) throw conflict('IN_USE');
      const [{ n }] = await queryRows<{ n: number }>(
        tx,
        sql`
        select (select count(*) from orgs where parent_id = ${id})
             + (select count(*) from people where org_id = ${id} or dept_id = ${id})
             + (select count(*) from accounts where org_id = ${id})
             + (select count(*) from role_assignments where org_id = ${id})
             + (select count(*) from approval_instances where org_id = ${id}) as n`,
      );
      let refs = Number(n);
      for (const check of referenceChecks) refs += await check(tx, id);
      if (refs > 0) throw conflict('IN_USE');
      await tx.delete(orgs).where(eq(orgs.id, id));
      await writeAudit(tx, ctx.auditActor(), {
        action: 'delete',
        entityType: 'org',
        entityId: id,
        orgId: before.parentId,
        summary: before.name,
        before,
      });
    });
  }
}

function mapUnique(err: unknown): never {
  const code = (err as { code?: string; cause?: { code?: string } }).code ?? (err as { cause?: { code?: string } }).cause?.code;
  if (code === '23505') throw conflict('DUPLICATE', { field: 'creditCode' });
  throw err;
}

export function toOrgView(o: OrgRow) {
  return {
    id: o.id,
    parentId: o.parentId,
    name: o.name,
    shortName: o.shortName,
    kind: o.kind as 'bureau',
    agencyLevel: o.agencyLevel as 'county',
    creditCode: o.creditCode,
    staffing: o.staffing,
    status: o.status as 'active',
    sort: o.sort,
    depth: o.depth,
    path: o.path,
  };
}
export { AppError };
