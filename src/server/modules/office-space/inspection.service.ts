import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ZFindingCloseSchema,
  ZFindingCreateSchema,
  ZFindingQuerySchema,
  ZInspectionCreateSchema,
} from '../../../contracts/modules/office-space';
import {
  type AuthContext,
  type CoreServices,
  assertOrgInScope,
  badRequest,
  notFound,
  notify,
  queryRows,
  writeAudit,
  num,
} from '../../core';
import { M } from './office.messages';
import { OP } from './office.permissions';
import { scopeOn, today } from './office.repository';
import { officeFindings, officeInspectionUnits, officeInspections } from './office.schema';

const d = (v: unknown) =>
  v === null || v === undefined
    ? null
    : v instanceof Date
      ? v.toISOString()
      : /\d{2}:\d{2}/.test(String(v))
        ? new Date(String(v)).toISOString()
        : String(v);
export const FINDING_FILES = 'office_finding';

/**
 * 督查 / 回头看: the bureau sends an inspection with a checklist to chosen units, records
 * findings (with photos and a rectification deadline), and each finding is closed with
 * evidence. Open findings per unit feed the dashboard.
 */
export class InspectionService {
  constructor(private readonly core: CoreServices) {}

  async create(ctx: AuthContext, input: z.infer<typeof ZInspectionCreateSchema>) {
    ctx.require(OP['office.manage']);
    const newId = await this.core.db.transaction(async (tx) => {
      for (const id of input.orgIds) await assertOrgInScope(tx, ctx, OP['office.manage'], id);
      const [row] = await tx
        .insert(officeInspections)
        .values({
          tenantId: ctx.tenantId,
          orgId: ctx.account.orgId,
          title: input.title,
          kind: input.kind,
          checklist: input.checklist,
          deadline: input.deadline,
          createdBy: ctx.account.id,
        })
        .returning();
      await tx.insert(officeInspectionUnits).values([...new Set(input.orgIds)].map((orgId) => ({ inspectionId: row!.id, orgId })));
      // Unit administrators of the inspected units hear about it.
      const admins = await queryRows<{ account_id: number }>(
        tx,
        sql`select distinct ra.account_id from role_assignments ra join roles r on r.id = ra.role_id
            where r.code = 'unit_admin' and ra.org_id in ${input.orgIds}`,
      );
      await notify(
        tx,
        admins.map((a) => num(a.account_id)),
        {
          kind: 'office.inspection',
          titleZh: `办公用房督查：${input.title}`,
          titleEn: `Office-space inspection: ${input.title}`,
          link: '/office/inspections',
        },
      );
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'office_inspection',
        entityId: row!.id,
        orgId: row!.orgId,
        after: input,
      });
      return row!.id;
    });
    return (await this.list(ctx, newId))[0]!;
  }

  async list(ctx: AuthContext, id?: number) {
    ctx.require(OP['office.read']);
    const unitScope = await scopeOn(this.core.db, ctx, OP['office.read'], sql`u.org_id`);
    // The units of each inspection the caller may see (a unit sees only itself in a multi-unit task).
    const units = await queryRows<{ inspection_id: number; org_id: number; name: string | null }>(
      this.core.db,
      sql`select u.inspection_id, u.org_id, o.name from office_inspection_units u join orgs o on o.id = u.org_id
          where ${unitScope} ${id ? sql`and u.inspection_id = ${id}` : sql``} order by o.sort, o.id`,
    );
    const byInspection = new Map<number, { orgId: number; name: string | null }[]>();
    for (const u of units) {
      const list = byInspection.get(num(u.inspection_id)) ?? [];
      list.push({ orgId: num(u.org_id), name: u.name });
      byInspection.set(num(u.inspection_id), list);
    }
    const ids = [...byInspection.keys()];
    if (!ids.length) return [];
    const findingScope = await scopeOn(this.core.db, ctx, OP['office.read'], sql`f.org_id`);
    const rows = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`select i.*,
            (select count(*)::int from office_findings f where f.inspection_id = i.id and ${findingScope}) as findings,
            (select count(*)::int from office_findings f where f.inspection_id = i.id and f.status = 'open' and ${findingScope}) as open_findings
          from office_inspections i where i.tenant_id = ${ctx.tenantId} and i.id in ${ids}
          order by i.id desc`,
    );
    return rows.map((r) => ({
      id: num(r.id),
      title: String(r.title),
      kind: r.kind as 'inspection',
      checklist: r.checklist as string[],
      deadline: String(d(r.deadline)).slice(0, 10),
      status: r.status as 'open',
      units: byInspection.get(num(r.id)) ?? [],
      findings: num(r.findings),
      openFindings: num(r.open_findings),
      createdAt: d(r.created_at)!,
    }));
  }

  private async inspectionFor(ctx: AuthContext, id: number) {
    const [i] = await this.list(ctx, id);
    if (!i) throw notFound('office_inspection');
    return i;
  }

  async addFinding(ctx: AuthContext, inspectionId: number, input: z.infer<typeof ZFindingCreateSchema>) {
    ctx.require(OP['office.manage']);
    const insp = await this.inspectionFor(ctx, inspectionId);
    if (!insp.units.some((u) => u.orgId === input.orgId))
      throw badRequest(
        'VALIDATION_FAILED',
        { fields: 'orgId' },
        { fields: [{ field: 'orgId', message: ctx.locale === 'en' ? 'not inspected in this task' : '不在本次督查范围' }] },
      );
    const findingId = await this.core.db.transaction(async (tx) => {
      if (input.roomId) {
        const [room] = await queryRows<{ org_id: number }>(tx, sql`select org_id from office_rooms where id = ${input.roomId}`);
        if (!room || num(room.org_id) !== input.orgId) throw notFound('room');
      }
      const [row] = await tx
        .insert(officeFindings)
        .values({
          tenantId: ctx.tenantId,
          inspectionId,
          orgId: input.orgId,
          roomId: input.roomId ?? null,
          checkItem: input.checkItem ?? null,
          description: input.description,
          rectifyBy: input.rectifyBy,
          photoFileIds: input.photoFileIds,
          createdBy: ctx.account.id,
        })
        .returning();
      if (input.photoFileIds.length) await this.core.files.attach(tx, ctx, input.photoFileIds, FINDING_FILES, String(row!.id));
      const admins = await queryRows<{ account_id: number }>(
        tx,
        sql`select distinct ra.account_id from role_assignments ra join roles r on r.id = ra.role_id where r.code = 'unit_admin' and ra.org_id = ${input.orgId}`,
      );
      await notify(
        tx,
        admins.map((a) => num(a.account_id)),
        {
          kind: 'office.finding',
          titleZh: `督查发现问题，请于 ${input.rectifyBy} 前整改`,
          titleEn: `Inspection finding: rectify by ${input.rectifyBy}`,
          body: input.description,
          link: '/office/inspections',
        },
      );
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'office_finding',
        entityId: row!.id,
        orgId: input.orgId,
        after: input,
      });
      return row!.id;
    });
    return this.finding(ctx, findingId);
  }

  async findings(ctx: AuthContext, q: z.infer<typeof ZFindingQuerySchema>) {
    const scope = await scopeOn(this.core.db, ctx, OP['office.read'], sql`f.org_id`, q.orgId);
    const where = sql.join(
      [
        scope,
        q.inspectionId ? sql`f.inspection_id = ${q.inspectionId}` : undefined,
        q.status ? sql`f.status = ${q.status}` : undefined,
        q.overdue === 'true' ? sql`f.status = 'open' and f.rectify_by < ${today()}::date` : undefined,
      ].filter((x): x is ReturnType<typeof sql> => Boolean(x)),
      sql` and `,
    );
    const [c] = await queryRows<{ n: number }>(this.core.db, sql`select count(*)::int as n from office_findings f where ${where}`);
    const rows = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`select f.*, i.title as inspection_title, o.name as org_name, r.number as room_number
          from office_findings f join office_inspections i on i.id = f.inspection_id left join orgs o on o.id = f.org_id
          left join office_rooms r on r.id = f.room_id where ${where}
          order by f.status desc, f.rectify_by, f.id limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    );
    return { total: num(c?.n), items: rows.map((r) => this.findingView(r)) };
  }

  private findingView(r: Record<string, unknown>) {
    const rectifyBy = String(d(r.rectify_by)).slice(0, 10);
    return {
      id: num(r.id),
      inspectionId: num(r.inspection_id),
      inspectionTitle: String(r.inspection_title),
      orgId: num(r.org_id),
      orgName: (r.org_name as string) ?? null,
      roomId: r.room_id === null ? null : num(r.room_id),
      roomNumber: (r.room_number as string) ?? null,
      checkItem: (r.check_item as string) ?? null,
      description: String(r.description),
      rectifyBy,
      photoFileIds: (r.photo_file_ids as string[]) ?? [],
      status: r.status as 'open',
      evidence: (r.evidence as string) ?? null,
      evidenceFileIds: (r.evidence_file_ids as string[]) ?? [],
      closedAt: d(r.closed_at),
      overdue: r.status === 'open' && rectifyBy < today(),
    };
  }

  async finding(ctx: AuthContext, id: number) {
    const [r] = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`select f.*, i.title as inspection_title, o.name as org_name, r.number as room_number
          from office_findings f join office_inspections i on i.id = f.inspection_id left join orgs o on o.id = f.org_id
          left join office_rooms r on r.id = f.room_id where f.id = ${id} and f.tenant_id = ${ctx.tenantId}`,
    );
    if (!r) throw notFound('office_finding');
    await assertOrgInScope(this.core.db, ctx, OP['office.read'], num(r.org_id)).catch(() => {
      throw notFound('office_finding');
    });
    return this.findingView(r);
  }

  /** The unit (or the bureau) closes a finding with its evidence; closing twice is refused. */
  async close(ctx: AuthContext, id: number, input: z.infer<typeof ZFindingCloseSchema>) {
    const f = await this.finding(ctx, id);
    const canClose = ctx.has(OP['office.manage']) || ctx.has(OP['office.write']);
    if (!canClose) throw notFound('office_finding');
    await assertOrgInScope(this.core.db, ctx, ctx.has(OP['office.manage']) ? OP['office.manage'] : OP['office.write'], f.orgId).catch(
      () => {
        throw notFound('office_finding');
      },
    );
    await this.core.db.transaction(async (tx) => {
      const [row] = await tx
        .update(officeFindings)
        .set({
          status: 'closed',
          evidence: input.evidence,
          evidenceFileIds: input.evidenceFileIds,
          closedAt: new Date(),
          closedBy: ctx.account.id,
        })
        .where(and(eq(officeFindings.id, id), eq(officeFindings.status, 'open')))
        .returning();
      if (!row) throw badRequest(M.OFFICE_FINDING_CLOSED);
      if (input.evidenceFileIds.length) await this.core.files.attach(tx, ctx, input.evidenceFileIds, FINDING_FILES, String(id));
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'office_finding',
        entityId: id,
        orgId: f.orgId,
        before: { status: 'open' },
        after: { status: 'closed', evidence: input.evidence },
      });
    });
    return this.finding(ctx, id);
  }
}
