import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { ZMoney } from '../../../contracts/common';
import type { ZAssetCreateSchema, ZAssetQuerySchema, ZAssetUpdateSchema, ZTransferSchema } from '../../../contracts/modules/assets';
import {
  type AuthContext,
  type CoreServices,
  type Executor,
  assertOrgInScope,
  badRequest,
  conflict,
  cnToday,
  dbError,
  inScope,
  iso,
  notFound,
  num,
  numOrNull,
  parseWorkbook,
  queryRows,
  scopeOn,
  where,
  writeAudit,
  fieldError,
} from '../../core';
import { officeRoomFacts } from '../office-space';
import { ASSET_IMPORT_COLUMNS } from './assets.excel';
import { AM } from './assets.messages';
import { AP } from './assets.permissions';
import {
  ASSET_COLS,
  ASSET_FROM,
  type Category,
  addEvents,
  categoryOf,
  loadCategories,
  localized,
  lockAssets,
  readableAssets,
  requireStatus,
  toAssetView,
} from './assets.repository';
import { categoryPrefix } from './assets.rules';

const SORTS: Record<string, string> = {
  code: 'a.code',
  name: 'a.name',
  originalValue: 'a.original_value',
  purchaseDate: 'a.purchase_date',
  categoryCode: 'a.category_code',
  status: 'a.status',
  id: 'a.id',
};
const orderBy = (sort?: string) => {
  if (!sort) return sql.raw('a.id desc');
  const col = SORTS[sort.replace(/^-/, '')] ?? 'a.id';
  return sql.raw(`${col} ${sort.startsWith('-') ? 'desc' : 'asc'} nulls last, a.id`);
};

const ZAssetRow = z.object({
  code: z.coerce.string().trim().max(40).optional(),
  name: z.string().trim().min(1).max(120),
  categoryCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]\d{6}$/),
  orgName: z.string().trim().min(1).max(100),
  spec: z.coerce.string().max(200).optional(),
  quantity: z.number().int().min(1).max(100000).default(1),
  unit: z.string().max(10).optional(),
  originalValue: ZMoney,
  purchaseDate: z.string().optional(),
  fundingSource: z.string().optional(),
  custodian: z.coerce.string().max(60).optional(),
  location: z.coerce.string().max(200).optional(),
});

const FIELDS = {
  name: 'name',
  categoryCode: 'category_code',
  spec: 'spec',
  quantity: 'quantity',
  unit: 'unit',
  originalValue: 'original_value',
  purchaseDate: 'purchase_date',
  fundingSource: 'funding_source',
  custodian: 'custodian',
  roomId: 'room_id',
  location: 'location',
  status: 'status',
  depreciate: 'depreciate',
  note: 'note',
} as const;

type Query = z.infer<typeof ZAssetQuerySchema>;
/** A user's text inside a LIKE pattern matches literally. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
/** Lists count matches exactly up to this many. */
export const COUNT_CAP = 10_000;

/** The asset register (资产台账): cards, search, history, transfers inside a unit, the scanned card. */
export class AssetsService {
  constructor(private readonly core: CoreServices) {}

  async categories(): Promise<Category[]> {
    return loadCategories(this.core.db);
  }

  private async filters(ctx: AuthContext, q: Omit<Query, 'page' | 'pageSize' | 'sort'>) {
    const db = this.core.db;
    // A register lists the caller's own scope; the pool's catalogue (any owner) only when asked for.
    const perm = ctx.has(AP['assets.read']) ? AP['assets.read'] : AP['assets.scan'];
    // Scope over the whole district (or city) is the tenant itself: no join to the org tree.
    const wholeTenant = ctx.covers(perm, { id: ctx.tenantId, path: `/${ctx.tenantId}/` });
    const scope = q.orgId
      ? await scopeOn(db, ctx, AP['assets.read'], sql`a.org_id`, q.orgId)
      : wholeTenant
        ? undefined
        : q.status === 'in_pool' || q.ids
          ? readableAssets(ctx)
          : inScope(ctx, perm, sql`a.org_id`);
    const text = q.q?.trim();
    // 使用单位: outside the caller's scope it is a 404 like any other org; inside, the unit's own
    // cards and its departments', not those of the units under it (a bureau is not all its units).
    const using = q.usingOrgId ? await assertOrgInScope(db, ctx, perm, q.usingOrgId) : null;
    return where([
      sql`a.tenant_id = ${ctx.tenantId}`,
      scope,
      using
        ? sql`a.org_id in (select o.id from orgs o where o.path like ${`${using.path}%`} and (o.id = ${using.id} or (o.kind = 'department'
            and not exists (select 1 from orgs u where u.kind in ('unit','bureau') and u.id <> ${using.id}
              and u.path like ${`${using.path}%`} and o.path like u.path || '%'))))`
        : undefined,
      q.ids ? sql`a.id in ${q.ids.split(',').map(Number)}` : undefined,
      q.status ? sql`a.status = ${q.status}` : q.ids ? undefined : sql`a.status <> 'disposed'`,
      q.category ? sql`a.category_code like ${`${categoryPrefix(q.category)}%`}` : undefined,
      q.warehouseId ? sql`a.warehouse_id = ${q.warehouseId}` : undefined,
      q.condition ? sql`a.condition = ${q.condition}` : undefined,
      // A code is matched from its start, a name anywhere in it, a custodian whole; each arm has
      // its index (see assets.schema.ts). A two-character word is looked up by its bigram.
      text
        ? sql`(a.code like ${`${likeEscape(text)}%`} or ${
            [...text].length === 2 ? sql`a.name_bigrams @> array[${text}]::text[]` : sql`a.name like ${`%${likeEscape(text)}%`}`
          } or a.custodian = ${text})`
        : undefined,
    ]);
  }

  async list(ctx: AuthContext, q: Query) {
    if (!ctx.has(AP['assets.read'])) ctx.require(AP['assets.scan']);
    const db = this.core.db;
    const w = await this.filters(ctx, q);
    // Counted up to COUNT_CAP: a register of half a million cards pages by "10,000+" rather than
    // scanning every matching row on each search; the value total is given when the count is exact.
    const [[c], cats] = await Promise.all([
      queryRows<{ n: number; v: string }>(
        db,
        sql`select count(*)::int as n, coalesce(sum(v), 0)::text as v
            from (select a.original_value as v from assets a where ${w} limit ${COUNT_CAP + 1}) s`,
      ),
      loadCategories(db),
    ]);
    // Few matches: collect them first, then sort and page those (an ORDER BY … LIMIT over the
    // whole table can otherwise walk every card looking for matches the planner thought common).
    // Many matches: they are dense, so walking the sort order and stopping at the page is right.
    const matches = num(c?.n) <= COUNT_CAP ? sql`a.id in (select m.id from (select a.id from assets a where ${w}) m offset 0)` : w;
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select ${ASSET_COLS} from ${ASSET_FROM} where ${matches} order by ${orderBy(q.sort)}
          limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    );
    const today = cnToday();
    const capped = num(c?.n) > COUNT_CAP;
    return {
      total: capped ? COUNT_CAP : num(c?.n),
      totalCapped: capped,
      totalValue: capped ? null : String(c?.v ?? '0'),
      items: rows.map((r) => toAssetView(ctx, cats, r, today)),
    };
  }

  private async load(db: Executor, ctx: AuthContext, id: number) {
    const [r] = await queryRows<Record<string, unknown>>(
      db,
      sql`select ${ASSET_COLS}, o.path as org_path from ${ASSET_FROM} where a.id = ${id} and a.tenant_id = ${ctx.tenantId}
          and ${readableAssets(ctx)}`,
    );
    if (!r) throw notFound('asset');
    return r;
  }

  /** The card: the asset, its history, and the actions this user may take on it (for the scan page). */
  async card(ctx: AuthContext, id: number) {
    if (!ctx.has(AP['assets.read'])) ctx.require(AP['assets.scan']);
    const db = this.core.db;
    const r = await this.load(db, ctx, id);
    const cats = await loadCategories(db);
    const events = await queryRows<Record<string, unknown>>(
      db,
      sql`select id, kind, summary, org_id, data, occurred_at, created_by from asset_events where asset_id = ${id} order by id desc limit 100`,
    );
    const org = { id: num(r.org_id), path: String(r.org_path) };
    const writable = ctx.covers(AP['assets.write'], org);
    const status = String(r.status);
    const actions: ('edit' | 'transfer' | 'hand_in' | 'dispose' | 'allocate' | 'loan')[] = [];
    if (writable && ['in_use', 'idle'].includes(status)) actions.push('edit', 'transfer', 'hand_in', 'dispose');
    if (status === 'in_pool' && ctx.has(AP['assets.write'])) actions.push('allocate');
    if (status === 'in_pool' && ctx.has(AP['pool.manage'])) actions.push('loan', 'dispose');
    return {
      ...toAssetView(ctx, cats, r),
      events: events.map((e) => ({
        id: num(e.id),
        kind: String(e.kind),
        summary: String(e.summary),
        orgId: num(e.org_id),
        data: (e.data as Record<string, unknown>) ?? {},
        occurredAt: iso(e.occurred_at)!,
        createdBy: numOrNull(e.created_by),
      })),
      actions: [...new Set(actions)],
    };
  }

  /** The card of a scanned label (the code printed under the QR). */
  async byCode(ctx: AuthContext, code: string) {
    const [r] = await queryRows<{ id: number }>(
      this.core.db,
      sql`select a.id from assets a where a.tenant_id = ${ctx.tenantId} and a.code = ${code}`,
    );
    if (!r) throw notFound('asset');
    return this.card(ctx, num(r.id));
  }

  private async checkCategory(code: string) {
    if (!categoryOf(await loadCategories(this.core.db), code)) throw badRequest(AM.ASSET_CATEGORY_UNKNOWN, { code });
  }

  /** A room from the office-space registry, in the asset's unit; its name becomes the location text. */
  private async roomLocation(db: Executor, ctx: AuthContext, roomId: number, orgPath: string) {
    const facts = (await officeRoomFacts(db, ctx.tenantId, [roomId])).get(roomId);
    const [owner] = facts ? await queryRows<{ path: string }>(db, sql`select path from orgs where id = ${facts.orgId}`) : [];
    const room = facts && owner ? { label: facts.label, path: owner.path } : undefined;
    // The room is the unit's own (or a department's in it), or a shared building's above it.
    if (!room || !(room.path.startsWith(orgPath) || orgPath.startsWith(room.path)))
      throw fieldError(ctx, 'roomId', '房间不存在或不属于本单位', 'the room does not exist or is not the unit’s');
    return String(room.label);
  }

  async create(ctx: AuthContext, input: z.infer<typeof ZAssetCreateSchema>) {
    ctx.require(AP['assets.write']);
    const db = this.core.db;
    const org = await assertOrgInScope(db, ctx, AP['assets.write'], input.orgId);
    if (org.tenantId !== ctx.tenantId) throw notFound('org');
    await this.checkCategory(input.categoryCode);
    if (input.purchaseDate && input.purchaseDate > cnToday())
      throw fieldError(ctx, 'purchaseDate', '购置日期不能晚于今天', 'the purchase date cannot be in the future');
    const id = await db
      .transaction(async (tx) => {
        const location = input.roomId ? await this.roomLocation(tx, ctx, input.roomId, org.path) : (input.location ?? null);
        const [seq] = await queryRows<{ id: number }>(tx, sql`select nextval(pg_get_serial_sequence('assets', 'id'))::int as id`);
        const newId = num(seq?.id);
        const code = input.code || `${input.categoryCode}-${cnToday().slice(0, 4)}-${String(newId).padStart(6, '0')}`;
        await tx.execute(sql`insert into assets (id, tenant_id, org_id, code, name, category_code, spec, quantity, unit, original_value,
            purchase_date, funding_source, custodian, room_id, location, status, depreciate, note)
          values (${newId}, ${ctx.tenantId}, ${input.orgId}, ${code}, ${input.name}, ${input.categoryCode}, ${input.spec ?? null},
            ${input.quantity ?? 1}, ${input.unit ?? '台'}, ${input.originalValue}, ${input.purchaseDate ?? null}, ${input.fundingSource ?? null},
            ${input.custodian ?? null}, ${input.roomId ?? null}, ${location}, ${input.status ?? 'in_use'}, ${input.depreciate ?? true},
            ${input.note ?? null})`);
        await addEvents(tx, ctx, [newId], { orgId: input.orgId, kind: 'create', summary: localized(ctx, '登记入账', 'Registered') });
        await writeAudit(tx, ctx.auditActor(), {
          action: 'create',
          entityType: 'asset',
          entityId: newId,
          orgId: input.orgId,
          summary: `${code} ${input.name}`,
          after: { ...input, code },
        });
        return newId;
      })
      .catch((err) => {
        if (dbError(err).code === '23505') throw conflict(AM.ASSET_CODE_TAKEN, { code: input.code ?? '' });
        throw err;
      });
    return this.card(ctx, id);
  }

  async update(ctx: AuthContext, id: number, patch: z.infer<typeof ZAssetUpdateSchema>) {
    ctx.require(AP['assets.write']);
    if (patch.categoryCode) await this.checkCategory(patch.categoryCode);
    if (patch.purchaseDate && patch.purchaseDate > cnToday())
      throw fieldError(ctx, 'purchaseDate', '购置日期不能晚于今天', 'the purchase date cannot be in the future');
    await this.core.db.transaction(async (tx) => {
      const [a] = await lockAssets(tx, ctx, [id], AP['assets.write']);
      requireStatus(ctx, [a!], ['in_use', 'idle'], ['修改', 'edit']);
      const [before] = await queryRows<Record<string, unknown>>(tx, sql`select * from assets where id = ${id}`);
      const sets = [];
      const change: Record<string, unknown> = {};
      for (const [k, col] of Object.entries(FIELDS)) {
        const v = (patch as Record<string, unknown>)[k];
        if (v === undefined) continue;
        sets.push(sql`${sql.identifier(col)} = ${v}`);
        change[k] = v;
      }
      if (patch.roomId) sets.push(sql`location = ${await this.roomLocation(tx, ctx, patch.roomId, a!.org_path)}`);
      if (!sets.length) return;
      await tx.execute(sql`update assets set ${sql.join(sets, sql`, `)}, updated_at = now() where id = ${id}`);
      if (patch.status && patch.status !== a!.status)
        await addEvents(tx, ctx, [id], {
          orgId: a!.org_id,
          kind: 'status',
          summary: localized(ctx, `状态改为${patch.status === 'idle' ? '闲置' : '在用'}`, `Status set to ${patch.status}`),
          data: { from: a!.status, to: patch.status },
        });
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'asset',
        entityId: id,
        orgId: a!.org_id,
        summary: a!.code,
        before: Object.fromEntries(Object.keys(change).map((k) => [k, before?.[FIELDS[k as keyof typeof FIELDS]]])),
        after: change,
      });
    });
    return this.card(ctx, id);
  }

  /** Deleting is for a card entered by mistake; an asset with pool or disposal history is disposed of instead. */
  async remove(ctx: AuthContext, id: number) {
    ctx.require(AP['assets.write']);
    await this.core.db.transaction(async (tx) => {
      const [a] = await lockAssets(tx, ctx, [id], AP['assets.write']);
      requireStatus(ctx, [a!], ['in_use', 'idle'], ['删除', 'delete']);
      const [h] = await queryRows<{ n: number }>(
        tx,
        sql`select (select count(*) from asset_events where asset_id = ${id} and kind not in ('create','status','transfer','update'))::int
          + (select count(*) from asset_hand_in_items where asset_id = ${id})::int
          + (select count(*) from asset_disposal_items where asset_id = ${id})::int as n`,
      );
      if (num(h?.n) > 0) throw conflict(AM.ASSET_HAS_HISTORY);
      await tx.execute(sql`delete from asset_events where asset_id = ${id}`);
      await tx.execute(sql`delete from asset_stocktake_scans where asset_id = ${id}`);
      await tx.execute(sql`delete from assets where id = ${id}`);
      await writeAudit(tx, ctx.auditActor(), {
        action: 'delete',
        entityType: 'asset',
        entityId: id,
        orgId: a!.org_id,
        summary: `${a!.code} ${a!.name}`,
        before: a,
      });
    });
    return { ok: true as const };
  }

  /** 内部调拨: a new custodian or place inside the unit, kept in the card's history. */
  async transfer(ctx: AuthContext, id: number, input: z.infer<typeof ZTransferSchema>) {
    ctx.require(AP['assets.write']);
    await this.core.db.transaction(async (tx) => {
      const [a] = await lockAssets(tx, ctx, [id], AP['assets.write']);
      requireStatus(ctx, [a!], ['in_use', 'idle'], ['变更使用人或地点', 'transfer']);
      const [before] = await queryRows<{ custodian: string | null; location: string | null; room_id: number | null }>(
        tx,
        sql`select custodian, location, room_id from assets where id = ${id}`,
      );
      const location = input.roomId
        ? await this.roomLocation(tx, ctx, input.roomId, a!.org_path)
        : input.location !== undefined
          ? input.location
          : before!.location;
      const after = {
        custodian: input.custodian !== undefined ? input.custodian : before!.custodian,
        roomId: input.roomId !== undefined ? input.roomId : numOrNull(before!.room_id),
        location,
      };
      await tx.execute(
        sql`update assets set custodian = ${after.custodian}, room_id = ${after.roomId}, location = ${after.location}, updated_at = now()
            where id = ${id}`,
      );
      const parts = [
        after.custodian !== before!.custodian
          ? localized(
              ctx,
              `使用人 ${before!.custodian ?? '—'} → ${after.custodian ?? '—'}`,
              `custodian ${before!.custodian ?? '—'} → ${after.custodian ?? '—'}`,
            )
          : null,
        after.location !== before!.location
          ? localized(
              ctx,
              `地点 ${before!.location ?? '—'} → ${after.location ?? '—'}`,
              `location ${before!.location ?? '—'} → ${after.location ?? '—'}`,
            )
          : null,
      ].filter(Boolean);
      await addEvents(tx, ctx, [id], {
        orgId: a!.org_id,
        kind: 'transfer',
        summary: parts.join('；') || localized(ctx, '变更登记', 'Transfer recorded'),
        data: { before: { custodian: before!.custodian, location: before!.location }, after, note: input.note ?? null },
      });
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'asset',
        entityId: id,
        orgId: a!.org_id,
        summary: `${a!.code} transfer`,
        before,
        after,
      });
    });
    return this.card(ctx, id);
  }

  /** Rows for the label sheet: named ids, or a filtered register (read scope applies). */
  async forLabels(ctx: AuthContext, q: { ids?: string; orgId?: number; status?: Query['status']; limit: number }) {
    if (!ctx.has(AP['assets.read'])) ctx.require(AP['assets.scan']);
    const db = this.core.db;
    const w = q.ids
      ? where([sql`a.tenant_id = ${ctx.tenantId}`, readableAssets(ctx), sql`a.id in ${q.ids.split(',').map(Number)}`])
      : await this.filters(ctx, { orgId: q.orgId, status: q.status });
    return queryRows<{ id: number; code: string; name: string; org_name: string; category_code: string; purchase_date: string | null }>(
      db,
      sql`select a.id, a.code, a.name, o.name as org_name, a.category_code, a.purchase_date::text as purchase_date
          from assets a join orgs o on o.id = a.org_id where ${w} order by a.code limit ${q.limit}`,
    );
  }

  /**
   * Excel import of a unit's existing register: every row is checked (category, unit in scope,
   * code unique in the file and the district) and either all rows go in, numbered and audited
   * in one transaction, or none do and the report lists each row's problem.
   */
  async importRows(ctx: AuthContext, buf: Buffer) {
    ctx.require(AP['assets.write']);
    const db = this.core.db;
    const { rows, errors } = await parseWorkbook(buf, ASSET_IMPORT_COLUMNS, ZAssetRow, ctx.locale);
    const cats = await loadCategories(db);
    const units = await queryRows<{ id: number; name: string; short_name: string | null; path: string }>(
      db,
      sql`select id, name, short_name, path from orgs where tenant_id = ${ctx.tenantId} and status = 'active'`,
    );
    const byName = new Map<string, number>();
    for (const u of units) if (ctx.covers(AP['assets.write'], u)) for (const n of [u.name, u.short_name]) if (n) byName.set(n, num(u.id));
    const codes = rows.map((r) => r.data.code).filter((c): c is string => !!c);
    const taken = new Set(
      codes.length
        ? (await queryRows<{ code: string }>(db, sql`select code from assets where tenant_id = ${ctx.tenantId} and code in ${codes}`)).map(
            (r) => r.code,
          )
        : [],
    );
    const col = (key: string) => {
      const c = ASSET_IMPORT_COLUMNS.find((x) => x.key === key)!;
      return ctx.locale === 'en' ? c.headerEn : c.headerZh;
    };
    const seen = new Set<string>();
    const today = cnToday();
    for (const { row, data } of rows) {
      if (!categoryOf(cats, data.categoryCode))
        errors.push({ row, column: col('categoryCode'), message: localized(ctx, '分类代码不在分类代码表中', 'not in the classification') });
      if (!byName.has(data.orgName))
        errors.push({
          row,
          column: col('orgName'),
          message: localized(ctx, '单位不存在或不在您的管理范围内', 'no such unit in your scope'),
        });
      if (data.purchaseDate && data.purchaseDate > today)
        errors.push({ row, column: col('purchaseDate'), message: localized(ctx, '取得日期不能晚于今天', 'cannot be in the future') });
      if (data.code && (taken.has(data.code) || seen.has(data.code)))
        errors.push({ row, column: col('code'), message: localized(ctx, '资产编号已存在或重复', 'the code exists or repeats') });
      if (data.code) seen.add(data.code);
    }
    if (errors.length) return { imported: 0, errors: errors.sort((a, b) => a.row - b.row) };
    await db.transaction(async (tx) => {
      const year = today.slice(0, 4);
      for (const { data } of rows) {
        const orgId = byName.get(data.orgName)!;
        const [seq] = await queryRows<{ id: number }>(tx, sql`select nextval(pg_get_serial_sequence('assets', 'id'))::int as id`);
        const id = num(seq?.id);
        const code = data.code || `${data.categoryCode}-${year}-${String(id).padStart(6, '0')}`;
        await tx.execute(sql`insert into assets (id, tenant_id, org_id, code, name, category_code, spec, quantity, unit, original_value,
            purchase_date, funding_source, custodian, location)
          values (${id}, ${ctx.tenantId}, ${orgId}, ${code}, ${data.name}, ${data.categoryCode}, ${data.spec ?? null}, ${data.quantity},
            ${data.unit ?? '台'}, ${data.originalValue}, ${data.purchaseDate ?? null}, ${data.fundingSource ?? null}, ${data.custodian ?? null},
            ${data.location ?? null})`);
        await addEvents(tx, ctx, [id], { orgId, kind: 'create', summary: localized(ctx, 'Excel 导入入账', 'Imported from Excel') });
      }
      await writeAudit(tx, ctx.auditActor(), { action: 'import', entityType: 'asset', summary: `${rows.length} assets` });
    });
    return { imported: rows.length, errors: [] };
  }

  async audited(ctx: AuthContext, summary: string) {
    await this.core.db.transaction(async (tx) => writeAudit(tx, ctx.auditActor(), { action: 'export', entityType: 'asset', summary }));
  }
}
