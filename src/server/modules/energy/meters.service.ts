import { meterDueSql } from './energy.workbench';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  ENERGY_UNITS,
  type TMeterNode,
  type ZMeterCreateSchema,
  type ZMeterQuerySchema,
  type ZMeterUpdateSchema,
} from '../../../contracts/modules/energy';
import {
  type AuthContext,
  type CoreServices,
  type Executor,
  assertOrgInScope,
  badRequest,
  conflict,
  dbError,
  notFound,
  num,
  both,
  queryRows,
  scopeOn,
  validationFailed,
  where,
  writeAudit,
} from '../../core';
import { officePlaces } from '../office-space';
import { EM } from './energy.messages';
import { EP } from './energy.permissions';
import { METER_COLS, METER_FROM, type MeterView, meterView } from './energy.repository';

const SORTS: Record<string, string> = {
  name: 'm.name',
  code: 'm.code',
  energyType: 'm.energy_type',
  orgName: 'o.name',
  lastReadingAt: 'm.last_reading_at',
};

/** Site and building names come from the office registry (through its index), not from a join into its tables. */
async function withPlaces(db: Executor, tenantId: number, items: MeterView[]) {
  const places = await officePlaces(
    db,
    tenantId,
    [...new Set(items.map((m) => m.siteId).filter((x): x is number => !!x))],
    [...new Set(items.map((m) => m.buildingId).filter((x): x is number => !!x))],
  );
  return items.map((m) => ({
    ...m,
    siteName: m.siteId ? (places.sites.get(m.siteId)?.name ?? null) : null,
    buildingName: m.buildingId ? (places.buildings.get(m.buildingId)?.name ?? null) : null,
  }));
}

/**
 * Meters (计量器具) and bill accounts: a tree per tenant (a master meter and its sub-meters),
 * each belonging to a unit. Which meters count in a unit's totals is explicit (`in_total`),
 * and no two meters on one path from a master to a leaf may both count, so nothing is
 * counted twice.
 */
export class MeterService {
  constructor(private readonly core: CoreServices) {}

  async list(ctx: AuthContext, q: z.infer<typeof ZMeterQuerySchema>) {
    ctx.require(EP['energy.read']);
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, EP['energy.read'], sql`m.org_id`, q.orgId);
    const w = where([
      sql`m.tenant_id = ${ctx.tenantId}`,
      scope,
      q.siteId ? sql`m.site_id = ${q.siteId}` : undefined,
      q.buildingId ? sql`m.building_id = ${q.buildingId}` : undefined,
      q.energyType ? sql`m.energy_type = ${q.energyType}` : undefined,
      q.kind ? sql`m.kind = ${q.kind}` : undefined,
      q.status ? sql`m.status = ${q.status}` : undefined,
      q.manual === 'true' ? sql`m.interval_minutes is null and m.kind = 'register'` : undefined,
      q.manual === 'false' ? sql`m.interval_minutes is not null` : undefined,
      q.due === 'true' ? meterDueSql() : undefined,
      q.q ? sql`(m.name like ${`%${q.q}%`} or m.code like ${`%${q.q}%`})` : undefined,
    ]);
    const desc = q.sort?.startsWith('-');
    const col = SORTS[(q.sort ?? 'name').replace(/^-/, '')] ?? 'm.name';
    // The count and the page at once (two pooled connections on PostgreSQL).
    const [[c], rows] = await both(
      db,
      () => queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${METER_FROM} where ${w}`),
      () =>
        queryRows<Record<string, unknown>>(
          db,
          sql`select ${METER_COLS} from ${METER_FROM} where ${w}
              order by ${sql.raw(col)} ${sql.raw(desc ? 'desc nulls last' : 'asc nulls last')}, m.id
              limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
        ),
    );
    return { total: num(c?.n), items: await withPlaces(db, ctx.tenantId, rows.map(meterView)) };
  }

  /** Every meter in scope, as a forest (a meter whose parent is out of scope is a root). */
  async tree(ctx: AuthContext, orgId?: number) {
    ctx.require(EP['energy.read']);
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, EP['energy.read'], sql`m.org_id`, orgId);
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select ${METER_COLS} from ${METER_FROM} where m.tenant_id = ${ctx.tenantId} and ${scope} order by m.energy_type, m.name, m.id`,
    );
    const items = await withPlaces(db, ctx.tenantId, rows.map(meterView));
    const byId = new Map<number, TMeterNode>(items.map((m) => [m.id, { ...m, nodes: [] }]));
    const roots: TMeterNode[] = [];
    for (const n of byId.values()) {
      const parent = n.parentId ? byId.get(n.parentId) : undefined;
      if (parent) parent.nodes.push(n);
      else roots.push(n);
    }
    return roots;
  }

  async get(ctx: AuthContext, id: number) {
    ctx.require(EP['energy.read']);
    const db = this.core.db;
    const [r] = await queryRows<Record<string, unknown>>(
      db,
      sql`select ${METER_COLS}, o.path from ${METER_FROM} where m.id = ${id} and m.tenant_id = ${ctx.tenantId}`,
    );
    if (!r || !ctx.covers(EP['energy.read'], { id: num(r.org_id), path: String(r.path) })) throw notFound('energy_meter');
    return (await withPlaces(db, ctx.tenantId, [meterView(r)]))[0]!;
  }

  async create(ctx: AuthContext, input: z.infer<typeof ZMeterCreateSchema>) {
    ctx.require(EP['energy.write']);
    const id = await this.core.db.transaction((tx) => this.insert(tx, ctx, input)).catch((err) => this.mapUnique(err, input.code));
    return this.get(ctx, id);
  }

  /** Creates a meter inside the caller's transaction (the Excel import creates a whole sheet in one). */
  async insert(tx: Executor, ctx: AuthContext, input: z.infer<typeof ZMeterCreateSchema>): Promise<number> {
    ctx.require(EP['energy.write']);
    const org = await this.unitOrg(tx, ctx, input.orgId);
    const place = await this.place(tx, ctx, input.siteId ?? null, input.buildingId ?? null);
    const parent = input.parentId ? await this.parent(tx, ctx, input.parentId, input.energyType) : null;
    if (input.kind === 'bill' && (input.intervalMinutes || input.rolloverValue))
      throw validationFailed([
        {
          field: 'intervalMinutes',
          message: ctx.locale === 'en' ? 'a bill account has no register' : '账单户头没有表底数，不能设置采集间隔或翻转值',
        },
      ]);
    const inTotal = input.inTotal ?? !(parent && (await this.pathCounts(tx, parent.id, 'up')));
    if (inTotal && parent) await this.assertNoDoubleTotal(tx, parent.id, null);
    const [row] = await queryRows<{ id: number }>(
      tx,
      sql`insert into energy_meters (tenant_id, org_id, site_id, building_id, parent_id, code, name, energy_type, unit, kind, end_use,
            multiplier, rollover_value, in_total, interval_minutes, installed_on, note)
          values (${ctx.tenantId}, ${org.id}, ${place.siteId}, ${place.buildingId}, ${parent?.id ?? null}, ${input.code ?? null}, ${input.name},
            ${input.energyType}, ${input.unit}, ${input.kind}, ${input.endUse ?? null}, ${input.multiplier}, ${input.rolloverValue ?? null},
            ${inTotal}, ${input.intervalMinutes ?? null}, ${input.installedOn ?? null}, ${input.note ?? null})
          returning id`,
    );
    await writeAudit(tx, ctx.auditActor(), {
      action: 'create',
      entityType: 'energy_meter',
      entityId: row!.id,
      orgId: org.id,
      summary: `${input.energyType} ${input.name}`,
      after: { ...input, inTotal },
    });
    return num(row!.id);
  }

  async update(ctx: AuthContext, id: number, input: z.infer<typeof ZMeterUpdateSchema>) {
    ctx.require(EP['energy.write']);
    await this.core.db
      .transaction(async (tx) => {
        const before = await this.lock(tx, ctx, id, EP['energy.write']);
        const type = String(before.energy_type) as keyof typeof ENERGY_UNITS;
        if (input.unit !== undefined && input.unit !== before.unit) {
          if (!ENERGY_UNITS[type].includes(input.unit))
            throw validationFailed([
              { field: 'unit', message: ctx.locale === 'en' ? 'does not fit the energy type' : '计量单位与能源种类不符' },
            ]);
          const [has] = await queryRows(
            tx,
            sql`select 1 from energy_readings where tenant_id = ${ctx.tenantId} and meter_id = ${id} limit 1`,
          );
          if (has) throw badRequest(EM.ENERGY_HAS_READINGS);
        }
        const siteId = input.siteId !== undefined ? input.siteId : (before.site_id as number | null);
        const buildingId = input.buildingId !== undefined ? input.buildingId : (before.building_id as number | null);
        const place = await this.place(tx, ctx, siteId, buildingId);
        let parentId = before.parent_id === null ? null : num(before.parent_id);
        if (input.parentId !== undefined) {
          parentId = input.parentId ?? null;
          if (parentId) {
            await this.parent(tx, ctx, parentId, type);
            const [cycle] = await queryRows(
              tx,
              sql`with recursive up as (select id, parent_id from energy_meters where id = ${parentId}
                    union all select m.id, m.parent_id from energy_meters m join up on m.id = up.parent_id)
                  select 1 from up where id = ${id} limit 1`,
            );
            if (cycle) throw badRequest(EM.ENERGY_PARENT_CYCLE);
          }
        }
        const inTotal = input.inTotal ?? Boolean(before.in_total);
        if (inTotal) {
          if (parentId) await this.assertNoDoubleTotal(tx, parentId, id);
          await this.assertNoCountingBelow(tx, id);
        }
        if (before.kind === 'bill' && (input.intervalMinutes || input.rolloverValue))
          throw validationFailed([
            { field: 'intervalMinutes', message: ctx.locale === 'en' ? 'a bill account has no register' : '账单户头没有表底数' },
          ]);
        const set = {
          name: input.name ?? before.name,
          code: input.code !== undefined ? (input.code ?? null) : before.code,
          unit: input.unit ?? before.unit,
          site_id: place.siteId,
          building_id: place.buildingId,
          parent_id: parentId,
          end_use: input.endUse !== undefined ? (input.endUse ?? null) : before.end_use,
          multiplier: input.multiplier ?? before.multiplier,
          rollover_value: input.rolloverValue !== undefined ? (input.rolloverValue ?? null) : before.rollover_value,
          in_total: inTotal,
          interval_minutes: input.intervalMinutes !== undefined ? (input.intervalMinutes ?? null) : before.interval_minutes,
          installed_on: input.installedOn !== undefined ? (input.installedOn ?? null) : before.installed_on,
          status: input.status ?? before.status,
          note: input.note !== undefined ? (input.note ?? null) : before.note,
        };
        await tx.execute(
          sql`update energy_meters set name = ${set.name}, code = ${set.code}, unit = ${set.unit}, site_id = ${set.site_id},
                building_id = ${set.building_id}, parent_id = ${set.parent_id}, end_use = ${set.end_use}, multiplier = ${set.multiplier},
                rollover_value = ${set.rollover_value}, in_total = ${set.in_total}, interval_minutes = ${set.interval_minutes},
                installed_on = ${set.installed_on}, status = ${set.status}, note = ${set.note}
              where id = ${id}`,
        );
        await writeAudit(tx, ctx.auditActor(), {
          action: 'update',
          entityType: 'energy_meter',
          entityId: id,
          orgId: num(before.org_id),
          summary: String(set.name),
          before,
          after: set,
        });
      })
      .catch((err) => this.mapUnique(err, input.code ?? undefined));
    return this.get(ctx, id);
  }

  /** A meter with no readings and no bills may be deleted; one with history is retired instead (409 says so). */
  async remove(ctx: AuthContext, id: number) {
    ctx.require(EP['energy.write']);
    await this.core.db.transaction(async (tx) => {
      const before = await this.lock(tx, ctx, id, EP['energy.write']);
      const [used] = await queryRows<{ n: number }>(
        tx,
        sql`select (select count(*) from energy_readings where tenant_id = ${ctx.tenantId} and meter_id = ${id})
              + (select count(*) from energy_bills where meter_id = ${id}) + (select count(*) from energy_meters where parent_id = ${id}) as n`,
      );
      if (num(used?.n) > 0) throw conflict(EM.ENERGY_METER_IN_USE);
      await tx.execute(sql`delete from energy_anomalies where tenant_id = ${ctx.tenantId} and meter_id = ${id}`);
      await tx.execute(sql`delete from energy_meters where id = ${id}`);
      await writeAudit(tx, ctx.auditActor(), {
        action: 'delete',
        entityType: 'energy_meter',
        entityId: id,
        orgId: num(before.org_id),
        before,
      });
    });
  }

  // ---------- rules of the tree ----------

  /** The meter row locked, or 404 outside the caller's scope for `permission`. */
  async lock(tx: Executor, ctx: AuthContext, id: number, permission: string) {
    const [m] = await queryRows<Record<string, unknown>>(
      tx,
      sql`select m.*, m.installed_on::text as installed_on, o.path from energy_meters m join orgs o on o.id = m.org_id
          where m.id = ${id} and m.tenant_id = ${ctx.tenantId} for update of m`,
    );
    if (!m || !ctx.covers(permission, { id: num(m.org_id), path: String(m.path) })) throw notFound('energy_meter');
    delete m.path;
    return m;
  }

  private async unitOrg(tx: Executor, ctx: AuthContext, orgId: number) {
    const org = await assertOrgInScope(tx, ctx, EP['energy.write'], orgId);
    if (org.tenantId !== ctx.tenantId) throw notFound('org');
    if (org.kind === 'department') throw badRequest(EM.ENERGY_METER_ORG_KIND);
    return org;
  }

  /** The building decides the site; a site and building that do not match are refused. */
  private async place(tx: Executor, ctx: AuthContext, siteId: number | null, buildingId: number | null) {
    const places = await officePlaces(tx, ctx.tenantId, siteId ? [siteId] : [], buildingId ? [buildingId] : []);
    if (siteId && !places.sites.has(siteId)) throw notFound('office_site');
    if (buildingId) {
      const b = places.buildings.get(buildingId);
      if (!b) throw notFound('office_building');
      if (siteId && b.siteId !== siteId) throw badRequest(EM.ENERGY_SITE_MISMATCH);
      return { siteId: b.siteId, buildingId };
    }
    return { siteId, buildingId: null };
  }

  private async parent(tx: Executor, ctx: AuthContext, parentId: number, energyType: string) {
    const [p] = await queryRows<{ id: number; name: string; energy_type: string; org_id: number; path: string }>(
      tx,
      sql`select m.id, m.name, m.energy_type, m.org_id, o.path from energy_meters m join orgs o on o.id = m.org_id
          where m.id = ${parentId} and m.tenant_id = ${ctx.tenantId}`,
    );
    if (!p || !ctx.covers(EP['energy.read'], { id: num(p.org_id), path: p.path })) throw notFound('energy_meter');
    if (p.energy_type !== energyType) throw badRequest(EM.ENERGY_PARENT_TYPE, { name: p.name });
    return { id: num(p.id), name: p.name };
  }

  /** Whether the meter or any meter above it counts in the totals. */
  private async pathCounts(tx: Executor, meterId: number, _dir: 'up') {
    const [r] = await queryRows<{ name: string }>(
      tx,
      sql`with recursive up as (select id, parent_id, in_total, name from energy_meters where id = ${meterId}
            union all select m.id, m.parent_id, m.in_total, m.name from energy_meters m join up on m.id = up.parent_id)
          select name from up where in_total limit 1`,
    );
    return r?.name ?? null;
  }

  private async assertNoDoubleTotal(tx: Executor, parentId: number, _self: number | null) {
    const name = await this.pathCounts(tx, parentId, 'up');
    if (name) throw badRequest(EM.ENERGY_DOUBLE_TOTAL, { name });
  }

  private async assertNoCountingBelow(tx: Executor, meterId: number) {
    const [r] = await queryRows<{ name: string }>(
      tx,
      sql`with recursive down as (select id, in_total, name from energy_meters where parent_id = ${meterId}
            union all select m.id, m.in_total, m.name from energy_meters m join down on m.parent_id = down.id)
          select name from down where in_total limit 1`,
    );
    if (r) throw badRequest(EM.ENERGY_DOUBLE_TOTAL, { name: r.name });
  }

  mapUnique(err: unknown, code?: string | null): never {
    const e = dbError(err);
    if (e.code === '23505' && e.constraint === 'energy_meters_code_uq') throw conflict(EM.ENERGY_METER_CODE_EXISTS, { code: code ?? '' });
    throw err;
  }
}
