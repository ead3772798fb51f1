import { type SQL, sql } from 'drizzle-orm';
import { type AuthContext, type Executor, cnToday, conflict, inScope, iso, notFound, num, numOrNull, queryRows } from '../../core';
import { AM } from './assets.messages';
import { AP } from './assets.permissions';
import { categoryPrefix, netValue } from './assets.rules';

/**
 * Reads shared by the register and pool services: the card's columns and view, the category
 * table, the pool's org and warehouses, locking a set of assets, and the history ledger.
 */
export const ASSET_COLS = sql`a.id, a.org_id, o.name as org_name, a.code, a.name, a.category_code, a.spec, a.quantity, a.unit,
  a.original_value::text as original_value, a.purchase_date::text as purchase_date, a.funding_source, a.custodian, a.room_id,
  a.location, a.status, a.condition, a.warehouse_id, w.name as warehouse_name, a.slot, a.reserved_by, a.depreciate, a.note,
  a.updated_at`;
export const ASSET_FROM = sql`assets a join orgs o on o.id = a.org_id left join asset_warehouses w on w.id = a.warehouse_id`;

export type Category = { code: string; labelZh: string; labelEn: string; lifeYears: number; parent: string | null };

/** The GB/T 14885 table from reference data (a few dozen rows, read per request). */
export async function loadCategories(db: Executor): Promise<Category[]> {
  const rows = await queryRows<{ code: string; label_zh: string; label_en: string; extra: Record<string, unknown> | null }>(
    db,
    sql`select code, label_zh, label_en, extra from code_items where list = 'asset_category' and active order by code`,
  );
  return rows.map((r) => ({
    code: r.code,
    labelZh: r.label_zh,
    labelEn: r.label_en,
    lifeYears: Number(r.extra?.lifeYears ?? 0),
    parent: (r.extra?.parent as string | undefined) ?? null,
  }));
}

/** The most specific listed class that contains `code` (A050102 → 台、桌类; A050199 → 家具), or null. */
export function categoryOf(cats: Category[], code: string): Category | null {
  let best: Category | null = null;
  for (const c of cats)
    if (code.startsWith(categoryPrefix(c.code)) && (!best || categoryPrefix(c.code).length > categoryPrefix(best.code).length)) best = c;
  return best;
}

export type AssetView = ReturnType<typeof toAssetView>;
export function toAssetView(ctx: AuthContext, cats: Category[], r: Record<string, unknown>, today = cnToday()) {
  const cat = categoryOf(cats, String(r.category_code));
  const purchase = r.purchase_date == null ? null : String(r.purchase_date);
  const depreciate = Boolean(r.depreciate);
  return {
    id: num(r.id),
    orgId: num(r.org_id),
    orgName: String(r.org_name ?? ''),
    code: String(r.code),
    name: String(r.name),
    categoryCode: String(r.category_code),
    categoryName: cat ? (ctx.locale === 'en' ? cat.labelEn : cat.labelZh) : null,
    spec: (r.spec as string | null) ?? null,
    quantity: num(r.quantity),
    unit: String(r.unit),
    originalValue: String(r.original_value),
    netValue:
      depreciate && purchase && cat && cat.lifeYears > 0 ? netValue(String(r.original_value), purchase, cat.lifeYears, today).net : null,
    purchaseDate: purchase,
    fundingSource: (r.funding_source as string | null) ?? null,
    custodian: (r.custodian as string | null) ?? null,
    roomId: numOrNull(r.room_id),
    location: (r.location as string | null) ?? null,
    status: r.status as 'in_use',
    condition: (r.condition as string | null) ?? null,
    warehouseId: numOrNull(r.warehouse_id),
    warehouseName: (r.warehouse_name as string | null) ?? null,
    slot: (r.slot as string | null) ?? null,
    reservedBy: (r.reserved_by as string | null) ?? null,
    depreciate,
    note: (r.note as string | null) ?? null,
    updatedAt: iso(r.updated_at)!,
  };
}

/**
 * What a reader sees: the registers in their scope, and the pool's catalogue (items in the
 * pool, of any owner) for everyone who may read assets — units browse it before they buy.
 */
export function readableAssets(ctx: AuthContext): SQL {
  if (!ctx.has(AP['assets.read'])) return inScope(ctx, AP['assets.scan'], sql`a.org_id`);
  // A pool item held by a request stays visible (the requesting unit follows it until receipt).
  return sql`(${inScope(ctx, AP['assets.read'], sql`a.org_id`)} or a.status = 'in_pool'
    or (a.status = 'reserved' and a.warehouse_id is not null))`;
}

export type LockedAsset = {
  id: number;
  org_id: number;
  org_path: string;
  code: string;
  name: string;
  category_code: string;
  status: string;
  reserved_by: string | null;
  original_value: string;
  purchase_date: string | null;
  warehouse_id: number | null;
};

/**
 * Locks the named assets (in id order, so two requests over overlapping sets cannot deadlock)
 * and returns them; an id that is not the tenant's is a 404, one outside `permission`'s scope too.
 */
export async function lockAssets(tx: Executor, ctx: AuthContext, ids: number[], permission: string | null): Promise<LockedAsset[]> {
  const sorted = [...ids].sort((a, b) => a - b);
  const rows = await queryRows<LockedAsset>(
    tx,
    sql`select a.id, a.org_id, o.path as org_path, a.code, a.name, a.category_code, a.status, a.reserved_by,
          a.original_value::text as original_value, a.purchase_date::text as purchase_date, a.warehouse_id
        from assets a join orgs o on o.id = a.org_id
        where a.tenant_id = ${ctx.tenantId} and a.id in ${sorted} order by a.id for update of a`,
  );
  if (rows.length !== sorted.length) throw notFound('asset');
  if (permission) for (const r of rows) if (!ctx.covers(permission, { id: num(r.org_id), path: r.org_path })) throw notFound('asset');
  return rows.map((r) => ({ ...r, id: num(r.id), org_id: num(r.org_id), warehouse_id: numOrNull(r.warehouse_id) }));
}

const STATUS_KEYS: Record<string, [string, string]> = {
  in_use: ['在用', 'in use'],
  idle: ['闲置', 'idle'],
  in_pool: ['在仓', 'in the pool'],
  reserved: ['已预留', 'reserved'],
  on_loan: ['出借', 'on loan'],
  disposed: ['已处置', 'disposed'],
};
export const statusLabel = (ctx: AuthContext, s: string) => STATUS_KEYS[s]?.[ctx.locale === 'en' ? 1 : 0] ?? s;

/** 409 unless every asset is in one of `allowed`; a reserved item names the request holding it. */
export function requireStatus(ctx: AuthContext, rows: LockedAsset[], allowed: string[], action: [string, string]) {
  for (const r of rows) {
    if (allowed.includes(r.status)) continue;
    if (r.status === 'reserved') throw conflict(AM.ASSET_RESERVED, { code: r.code, by: r.reserved_by ?? '' });
    throw conflict(AM.ASSET_STATE, { code: r.code, status: statusLabel(ctx, r.status), action: action[ctx.locale === 'en' ? 1 : 0] });
  }
}

export type EventInput = {
  orgId: number;
  kind: string;
  summary: string;
  data?: Record<string, unknown>;
  refType?: string;
  refId?: number;
};
/** Appends one history row per asset (a single multi-row insert). */
export async function addEvents(tx: Executor, ctx: AuthContext, assetIds: number[], e: EventInput | ((id: number) => EventInput)) {
  if (!assetIds.length) return;
  const values = assetIds.map((id) => {
    const x = typeof e === 'function' ? e(id) : e;
    return sql`(${ctx.tenantId}, ${x.orgId}, ${id}, ${x.kind}, ${x.summary}, ${JSON.stringify(x.data ?? {})}::jsonb, ${x.refType ?? null},
      ${x.refId ?? null}, ${ctx.account.id})`;
  });
  await tx.execute(
    sql`insert into asset_events (tenant_id, org_id, asset_id, kind, summary, data, ref_type, ref_id, created_by)
        values ${sql.join(values, sql`, `)}`,
  );
}

/** A request number such as TJ-2026-000123 (调剂), from the row's id. */
export const requestCode = (prefix: string, id: number, on = cnToday()) => `${prefix}-${on.slice(0, 4)}-${String(id).padStart(6, '0')}`;

export const localized = (ctx: AuthContext, zh: string, en: string) => (ctx.locale === 'en' ? en : zh);
