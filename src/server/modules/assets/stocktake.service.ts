import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZScanSchema, ZStocktakeCreateSchema } from '../../../contracts/modules/assets';
import {
  type ApprovalInstance,
  type AuthContext,
  type CoreServices,
  type Executor,
  assertOrgInScope,
  conflict,
  inScope,
  iso,
  notFound,
  num,
  numOrNull,
  queryRows,
  type BusinessType,
  where,
  writeAudit,
  unitLeader,
  defineApprovalSummary,
} from '../../core';
import { AM } from './assets.messages';
import { AP } from './assets.permissions';
import { addEvents, localized, requestCode } from './assets.repository';

export const STOCKTAKE_TYPE = 'asset_stocktake';

type Line = {
  assetId: number | null;
  code: string;
  name: string | null;
  location: string | null;
  foundLocation: string | null;
  originalValue: string | null;
};
type Result = { expected: number; found: number; missing: Line[]; moved: Line[]; surplus: Line[] };
type Header = { id: number; org_id: number; path: string; code: string; status: string; location: string | null };

/** What the count expects: the unit's cards in use or idle (at the one location, when the count is limited to it). */
const expectedWhere = (h: { path: string; location: string | null }): SQL =>
  sql`a.org_id in (select id from orgs where path like ${`${h.path}%`}) and a.status in ('in_use','idle')
      ${h.location ? sql`and a.location = ${h.location}` : sql``}`;

/** Found, missing (盘亏), moved and surplus (盘盈) items of a count, from the register and the scans. */
async function compute(db: Executor, h: Header): Promise<Result> {
  const w = expectedWhere(h);
  const [c] = await queryRows<{ expected: number; found: number }>(
    db,
    sql`select count(*)::int as expected,
          count(*) filter (where exists (select 1 from asset_stocktake_scans s where s.stocktake_id = ${h.id} and s.asset_id = a.id))::int as found
        from assets a where ${w}`,
  );
  const missing = await queryRows<Record<string, unknown>>(
    db,
    sql`select a.id, a.code, a.name, a.location, a.original_value::text as v from assets a where ${w}
          and not exists (select 1 from asset_stocktake_scans s where s.stocktake_id = ${h.id} and s.asset_id = a.id)
        order by a.code limit 2000`,
  );
  const scans = await queryRows<Record<string, unknown>>(
    db,
    sql`select s.code, s.asset_id, s.found_location, a.name, a.location, a.original_value::text as v,
          (a.id is not null and ${w}) as expected,
          (a.id is not null and a.org_id in (select id from orgs where path like ${`${h.path}%`}) and a.status in ('in_use','idle')) as ours
        from asset_stocktake_scans s left join assets a on a.id = s.asset_id where s.stocktake_id = ${h.id} order by s.id`,
  );
  const line = (r: Record<string, unknown>, foundLocation: string | null = null): Line => ({
    assetId: numOrNull(r.asset_id ?? r.id),
    code: String(r.code),
    name: (r.name as string | null) ?? null,
    location: (r.location as string | null) ?? null,
    foundLocation,
    originalValue: (r.v as string | null) ?? null,
  });
  const moved: Line[] = [];
  const surplus: Line[] = [];
  for (const s of scans) {
    const found = (s.found_location as string | null) ?? null;
    if (!s.ours) surplus.push(line(s, found));
    else if (!s.expected || (found && found !== s.location)) moved.push(line(s, found));
  }
  return { expected: num(c?.expected), found: num(c?.found), missing: missing.map((m) => line(m)), moved, surplus };
}

/**
 * Applies an approved count: moved items take the location where they were found and graded
 * ones their condition. Missing (盘亏) and surplus (盘盈) items are fixed in the report: a loss
 * is written off only through a disposal request (the regulation's approval by value), a
 * surplus item is registered as a new card.
 */
async function applyCount(tx: Executor, inst: ApprovalInstance, ctx: AuthContext) {
  const id = Number(inst.businessId);
  const [h] = await queryRows<{ org_id: number; code: string; result: Result }>(
    tx,
    sql`select org_id, code, result from asset_stocktakes where id = ${id} for update`,
  );
  if (!h) throw notFound('asset_stocktake');
  const moved = h.result.moved.filter((m) => m.assetId && m.foundLocation);
  for (const m of moved)
    await tx.execute(sql`update assets set location = ${m.foundLocation}, room_id = null, updated_at = now() where id = ${m.assetId}`);
  await addEvents(
    tx,
    ctx,
    moved.map((m) => m.assetId!),
    (aid) => {
      const m = moved.find((x) => x.assetId === aid)!;
      return {
        orgId: num(h.org_id),
        kind: 'stocktake',
        summary: localized(
          ctx,
          `盘点 ${h.code}：地点 ${m.location ?? '—'} → ${m.foundLocation}`,
          `Stocktake ${h.code}: moved to ${m.foundLocation}`,
        ),
        refType: 'stocktake',
        refId: id,
      };
    },
  );
  // Grades given while counting become the cards' condition.
  const graded = await queryRows<{ asset_id: number }>(
    tx,
    sql`update assets a set condition = s.condition, updated_at = now() from asset_stocktake_scans s
        where s.stocktake_id = ${id} and s.asset_id = a.id and s.condition is not null and a.org_id in
          (select o.id from orgs o where o.path like (select path from orgs where id = ${num(h.org_id)}) || '%')
        returning a.id as asset_id`,
  );
  await tx.execute(sql`update asset_stocktakes set status = 'approved' where id = ${id}`);
  await writeAudit(tx, ctx.auditActor(), {
    action: 'update',
    entityType: 'asset_stocktake',
    entityId: id,
    orgId: num(h.org_id),
    summary: `${h.code} approved: ${moved.length} locations corrected, ${graded.length} grades recorded, ${h.result.missing.length} missing, ${h.result.surplus.length} surplus`,
    after: { status: 'approved' },
  });
}

const setStatus = (status: string) => async (tx: Executor, inst: ApprovalInstance) => {
  await tx.execute(sql`update asset_stocktakes set status = ${status} where id = ${Number(inst.businessId)}`);
};

export const STOCKTAKE_BUSINESS_TYPE: BusinessType = {
  type: STOCKTAKE_TYPE,
  nameZh: '资产盘点结果确认',
  nameEn: 'Stocktake result',
  defaultFlow: {
    nameZh: '资产盘点结果审批',
    nameEn: 'Stocktake approval',
    steps: [unitLeader()],
  },
  summary: defineApprovalSummary({
    fields: {
      expected: { zh: '应盘', en: 'Expected', kind: 'number', unit: { zh: '件', en: 'items' } },
      found: { zh: '实盘', en: 'Found', kind: 'number', unit: { zh: '件', en: 'items' } },
      missing: { zh: '盘亏', en: 'Missing', kind: 'number', unit: { zh: '件', en: 'items' } },
      surplus: { zh: '盘盈', en: 'Surplus', kind: 'number', unit: { zh: '件', en: 'items' } },
    },
  }),
  link: (id) => `/assets/stocktakes/${id}`,
  onApproved: applyCount,
  onRejected: setStatus('rejected'),
  onReturned: setStatus('returned'),
  onWithdrawn: setStatus('withdrawn'),
  onResubmitted: setStatus('pending'),
};

/** 盘点: counts per unit or location, scanned on a phone, closed by approval with a report. */
export class StocktakeService {
  constructor(private readonly core: CoreServices) {}

  private async header(db: Executor, ctx: AuthContext, id: number, permission: string, lock = false): Promise<Header> {
    const [h] = await queryRows<Header>(
      db,
      sql`select t.id, t.org_id, o.path, t.code, t.status, t.location from asset_stocktakes t join orgs o on o.id = t.org_id
          where t.id = ${id} and t.tenant_id = ${ctx.tenantId} ${lock ? sql`for update of t` : sql``}`,
    );
    if (!h || !ctx.covers(permission, { id: num(h.org_id), path: h.path })) throw notFound('asset_stocktake');
    return { ...h, id: num(h.id), org_id: num(h.org_id) };
  }

  async create(ctx: AuthContext, input: z.infer<typeof ZStocktakeCreateSchema>) {
    ctx.require(AP['assets.write']);
    const id = await this.core.db.transaction(async (tx) => {
      const org = await assertOrgInScope(tx, ctx, AP['assets.write'], input.orgId);
      const [n] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from assets a where ${expectedWhere({ path: org.path, location: input.location ?? null })}`,
      );
      const [t] = await queryRows<{ id: number }>(
        tx,
        sql`insert into asset_stocktakes (tenant_id, org_id, code, name, location, expected_count, created_by)
            values (${ctx.tenantId}, ${org.id}, ${`tmp-${Date.now()}-${Math.random()}`}, ${input.name}, ${input.location ?? null},
              ${num(n?.n)}, ${ctx.account.id}) returning id`,
      );
      const tid = num(t!.id);
      await tx.execute(sql`update asset_stocktakes set code = ${requestCode('PD', tid)} where id = ${tid}`);
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'asset_stocktake',
        entityId: tid,
        orgId: org.id,
        after: input,
      });
      return tid;
    });
    return this.get(ctx, id);
  }

  /** One scan: recorded once per code (a second scan of the same label says "again" and changes nothing). */
  async scan(ctx: AuthContext, id: number, input: z.infer<typeof ZScanSchema>) {
    if (!ctx.has(AP['assets.write'])) ctx.require(AP['assets.scan']);
    return this.core.db.transaction(async (tx) => {
      const h = await this.header(tx, ctx, id, ctx.has(AP['assets.write']) ? AP['assets.write'] : AP['assets.scan'], true);
      if (!['open', 'returned'].includes(h.status))
        throw conflict(AM.STOCKTAKE_STATE, { status: h.status, action: localized(ctx, '扫码', 'scan') });
      const [a] = await queryRows<{ id: number; name: string; location: string | null; in_scope: boolean; status: string }>(
        tx,
        sql`select a.id, a.name, a.location, a.status, (a.org_id in (select id from orgs where path like ${`${h.path}%`})) as in_scope
            from assets a where a.tenant_id = ${ctx.tenantId} and a.code = ${input.code}`,
      );
      const inserted = await queryRows<{ id: number }>(
        tx,
        sql`insert into asset_stocktake_scans (stocktake_id, code, asset_id, found_location, condition, note, scanned_by)
            values (${id}, ${input.code}, ${a?.id ?? null}, ${input.foundLocation ?? null}, ${input.condition ?? null}, ${input.note ?? null},
              ${ctx.account.id})
            on conflict (stocktake_id, code) do nothing returning id`,
      );
      const ours = !!a && a.in_scope && ['in_use', 'idle'].includes(a.status);
      const expectedHere = ours && (!h.location || a!.location === h.location);
      const result = !inserted.length
        ? 'again'
        : !ours
          ? 'surplus'
          : !expectedHere || (input.foundLocation && input.foundLocation !== a!.location)
            ? 'moved'
            : 'found';
      // Another unit's card is reported as surplus here without showing its details.
      return {
        code: input.code,
        result: result as 'found',
        assetId: ours ? num(a!.id) : null,
        name: ours ? a!.name : null,
        expectedLocation: ours ? a!.location : null,
      };
    });
  }

  /** Fixes the result and sends it for approval; nothing changes on the register until it is approved. */
  async close(ctx: AuthContext, id: number) {
    ctx.require(AP['assets.write']);
    await this.core.db.transaction(async (tx) => {
      const h = await this.header(tx, ctx, id, AP['assets.write'], true);
      if (!['open', 'returned'].includes(h.status))
        throw conflict(AM.STOCKTAKE_STATE, { status: h.status, action: localized(ctx, '结束盘点', 'close') });
      const result = await compute(tx, h);
      await tx.execute(
        sql`update asset_stocktakes set status = 'pending', result = ${JSON.stringify(result)}::jsonb, closed_at = now() where id = ${id}`,
      );
      if (h.status === 'returned') {
        const [t] = await queryRows<{ instance_id: number }>(tx, sql`select instance_id from asset_stocktakes where id = ${id}`);
        await this.core.approvals.resubmit(tx, ctx, num(t!.instance_id));
      } else {
        const inst = await this.core.approvals.submit(tx, ctx, {
          businessType: STOCKTAKE_TYPE,
          businessId: id,
          title: {
            zh: `资产盘点 ${h.code}：应盘 ${result.expected}，实盘 ${result.found}，盘亏 ${result.missing.length}，盘盈 ${result.surplus.length}`,
            en: `Stocktake ${h.code}: ${result.found}/${result.expected} found, ${result.missing.length} missing, ${result.surplus.length} surplus`,
          },
          orgId: h.org_id,
          facts: { missing: result.missing.length, surplus: result.surplus.length, expected: result.expected, found: result.found },
        });
        await tx.execute(sql`update asset_stocktakes set instance_id = ${inst.id} where id = ${id}`);
      }
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'asset_stocktake',
        entityId: id,
        orgId: h.org_id,
        summary: `${h.code} closed: ${result.found}/${result.expected}`,
        after: { status: 'pending' },
      });
    });
    return this.get(ctx, id);
  }

  async get(ctx: AuthContext, id: number) {
    const db = this.core.db;
    const h = await this.header(db, ctx, id, ctx.has(AP['assets.read']) ? AP['assets.read'] : AP['assets.scan']);
    const [t] = await queryRows<Record<string, unknown>>(
      db,
      sql`select t.*, o.name as org_name, (select count(*)::int from asset_stocktake_scans s where s.stocktake_id = t.id) as scanned
          from asset_stocktakes t join orgs o on o.id = t.org_id where t.id = ${id}`,
    );
    // An open count is computed live; a closed one shows what was sent for approval.
    const r = (t!.result as Result | null) ?? (await compute(db, h));
    return {
      id,
      code: String(t!.code),
      orgId: num(t!.org_id),
      orgName: String(t!.org_name),
      name: String(t!.name),
      location: (t!.location as string | null) ?? null,
      status: t!.status as 'open',
      expected: r.expected,
      scanned: num(t!.scanned),
      found: r.found,
      instanceId: numOrNull(t!.instance_id),
      createdAt: iso(t!.created_at)!,
      closedAt: iso(t!.closed_at),
      missing: r.missing,
      moved: r.moved,
      surplus: r.surplus,
    };
  }

  async list(ctx: AuthContext, q: { page: number; pageSize: number; status?: string; orgId?: number }) {
    if (!ctx.has(AP['assets.read'])) ctx.require(AP['assets.scan']);
    const perm = ctx.has(AP['assets.read']) ? AP['assets.read'] : AP['assets.scan'];
    const w = where([
      sql`t.tenant_id = ${ctx.tenantId}`,
      inScope(ctx, perm, sql`t.org_id`),
      q.status ? sql`t.status = ${q.status}` : undefined,
      q.orgId ? sql`t.org_id = ${q.orgId}` : undefined,
    ]);
    const [c] = await queryRows<{ n: number }>(this.core.db, sql`select count(*)::int as n from asset_stocktakes t where ${w}`);
    const rows = await queryRows<{ id: number }>(
      this.core.db,
      sql`select t.id from asset_stocktakes t where ${w} order by t.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    );
    return { total: num(c?.n), items: await Promise.all(rows.map((r) => this.get(ctx, num(r.id)))) };
  }
}
