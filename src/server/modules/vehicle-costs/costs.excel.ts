import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { zMoney } from '../../../contracts/common';
import { MAX_COST_YUAN, MAX_FILL } from '../../../contracts/modules/vehicle-costs';
import { normalisePlate } from '../../../contracts/modules/vehicles';
import {
  type AuthContext,
  type CoreServices,
  type ExcelColumn,
  type Executor,
  type MessageCode,
  parseCnTime,
  parseWorkbook,
  queryRows,
  tabularWorkbook,
  translate,
  writeAudit,
} from '../../core';
import { CM } from './costs.messages';
import { CP } from './costs.permissions';
import type { CostService } from './costs.service';
import { dbError, num, vehiclesView } from '../vehicles';

/**
 * Statement imports (fuel-card statements and ETC toll statements, .xlsx or .csv in UTF-8 or
 * GBK) and the ledger exports. An import checks every row first (card or plate known and in
 * the caller's scope, time, numbers), then writes every row through the same service path as
 * a single record in one transaction — all or nothing, with the failing row named. Rows
 * whose transaction id (or, without one, whose card/plate, time and amount) were imported
 * before are skipped, so importing the same statement twice changes nothing.
 */
export const FUEL_STATEMENT_COLUMNS: ExcelColumn[] = [
  { key: 'cardNo', headerZh: '卡号', headerEn: 'Card no.', type: 'string', required: true, width: 22, example: '9030000012345678' },
  {
    key: 'time',
    headerZh: '交易时间',
    headerEn: 'Time',
    type: 'string',
    required: true,
    width: 20,
    example: '2026-03-02 09:15:00',
    noteZh: '北京时间，如 2026-03-02 09:15:00',
    noteEn: 'China time, e.g. 2026-03-02 09:15:00',
  },
  { key: 'station', headerZh: '加油站', headerEn: 'Station', type: 'string', required: true, width: 24, example: '中石化城东加油站' },
  { key: 'litres', headerZh: '数量(升)', headerEn: 'Litres', type: 'number', required: true, example: 42.5 },
  { key: 'amount', headerZh: '金额(元)', headerEn: 'Amount (yuan)', type: 'money', required: true, example: 318.75 },
  { key: 'transactionId', headerZh: '交易流水号', headerEn: 'Transaction id', type: 'string', width: 24 },
  { key: 'odometerKm', headerZh: '里程表读数', headerEn: 'Odometer (km)', type: 'number' },
];
export const ETC_STATEMENT_COLUMNS: ExcelColumn[] = [
  { key: 'plate', headerZh: '车牌号', headerEn: 'Plate', type: 'string', required: true, example: '苏A12345' },
  {
    key: 'time',
    headerZh: '通行时间',
    headerEn: 'Time',
    type: 'string',
    required: true,
    width: 20,
    example: '2026-03-02 10:40:00',
    noteZh: '出口时间（北京时间）',
    noteEn: 'exit time (China time)',
  },
  { key: 'entry', headerZh: '入口', headerEn: 'Entry', type: 'string', required: true, width: 20, example: '南京东' },
  { key: 'exit', headerZh: '出口', headerEn: 'Exit', type: 'string', required: true, width: 20, example: '镇江' },
  { key: 'amount', headerZh: '金额(元)', headerEn: 'Amount (yuan)', type: 'money', required: true, example: 35 },
  { key: 'transactionId', headerZh: '交易流水号', headerEn: 'Transaction id', type: 'string', width: 24 },
];
const CAT = [
  { key: 'fuel', headerZh: '燃油(充电)费', headerEn: 'Fuel and charging', type: 'money' },
  { key: 'repair', headerZh: '维修费', headerEn: 'Repairs', type: 'money' },
  { key: 'insurance', headerZh: '保险费', headerEn: 'Insurance', type: 'money' },
  { key: 'toll', headerZh: '通行费', headerEn: 'Tolls', type: 'money' },
  { key: 'parking', headerZh: '停车费', headerEn: 'Parking', type: 'money' },
  { key: 'other', headerZh: '其他', headerEn: 'Other', type: 'money' },
  { key: 'total', headerZh: '合计(元)', headerEn: 'Total (yuan)', type: 'money' },
  { key: 'km', headerZh: '行驶里程(km)', headerEn: 'Distance (km)', type: 'number' },
  { key: 'costPerKm', headerZh: '每公里费用(元)', headerEn: 'Cost per km', type: 'number' },
] satisfies ExcelColumn[];
export const LEDGER_EXPORT_COLUMNS: ExcelColumn[] = [
  { key: 'orgName', headerZh: '单位', headerEn: 'Unit', type: 'string', width: 24 },
  { key: 'plate', headerZh: '号牌', headerEn: 'Plate', type: 'string' },
  ...CAT,
  { key: 'litres', headerZh: '加油量(升)', headerEn: 'Litres', type: 'number' },
  { key: 'kwh', headerZh: '充电量(kWh)', headerEn: 'kWh', type: 'number' },
];
export const DISCLOSURE_EXPORT_COLUMNS: ExcelColumn[] = [
  { key: 'seq', headerZh: '序号', headerEn: 'No.', type: 'number', width: 6 },
  { key: 'orgName', headerZh: '单位', headerEn: 'Unit', type: 'string', width: 24 },
  { key: 'plate', headerZh: '号牌', headerEn: 'Plate', type: 'string' },
  { key: 'vehicleType', headerZh: '车辆类型', headerEn: 'Type', type: 'string' },
  { key: 'model', headerZh: '品牌型号', headerEn: 'Model', type: 'string', width: 20 },
  ...CAT,
];

/** A statement amount: the one money type, read exactly from the cell (`money` column). */
const amount = zMoney({ max: MAX_COST_YUAN });
const ZFuelRow = z.object({
  cardNo: z.coerce.string().trim().min(4).max(40),
  time: z.coerce.string(),
  station: z.string().trim().min(1).max(100),
  litres: z.number().positive().max(MAX_FILL),
  amount: zMoney({ max: MAX_COST_YUAN, positive: true }),
  transactionId: z.coerce.string().trim().max(60).optional(),
  odometerKm: z.number().int().min(0).max(5_000_000).optional(),
});
const ZEtcRow = z.object({
  plate: z.string().trim().min(2).max(16),
  time: z.coerce.string(),
  entry: z.string().trim().min(1).max(60),
  exit: z.string().trim().min(1).max(60),
  amount,
  transactionId: z.coerce.string().trim().max(60).optional(),
});

type Err = { row: number; column: string; message: string };

class RowRefused extends Error {
  constructor(
    readonly row: number,
    readonly refusal: unknown,
  ) {
    super('row refused');
  }
}

export class CostExcel {
  constructor(
    private readonly core: CoreServices,
    private readonly costs: CostService,
  ) {}

  /** Vehicles the caller may record costs for, with their fuel cards. */
  private async vehiclesInScope(db: Executor, ctx: AuthContext) {
    const rows = await queryRows<{ id: number; plate: string; org_id: number; path: string; status: string }>(
      db,
      sql`select v.id, v.plate, v.org_id, o.path, v.status from ${vehiclesView} v join orgs o on o.id = v.org_id
          where v.tenant_id = ${ctx.tenantId} and v.status <> 'disposed'`,
    );
    return rows.filter((r) => ctx.covers(CP['vehicles.costs'], { id: num(r.org_id), path: r.path }));
  }

  /** Keys already imported, of those given. */
  private async existing(db: Executor, ctx: AuthContext, keys: string[]) {
    const out = new Set<string>();
    for (let i = 0; i < keys.length; i += 500) {
      const chunk = keys.slice(i, i + 500);
      if (!chunk.length) continue;
      for (const r of await queryRows<{ external_id: string }>(
        db,
        sql`select external_id from vehicle_cost_records where tenant_id = ${ctx.tenantId} and source = 'import' and external_id in ${chunk}`,
      ))
        out.add(r.external_id);
    }
    return out;
  }

  private async writeAll<P extends { row: number }>(
    ctx: AuthContext,
    column: string,
    plan: P[],
    write: (tx: Executor, p: P) => Promise<unknown>,
    audit: { entityType: string; summary: string },
  ): Promise<Err[]> {
    try {
      await this.core.db.transaction(async (tx) => {
        for (const p of plan) await write(tx, p).catch((e) => Promise.reject(new RowRefused(p.row, e)));
        await writeAudit(tx, ctx.auditActor(), { action: 'import', entityType: audit.entityType, summary: audit.summary });
      });
      return [];
    } catch (e) {
      if (!(e instanceof RowRefused)) throw e;
      const r = e.refusal as { code?: string; params?: Record<string, string | number> };
      if (dbError(e.refusal).code === '23505')
        return [
          {
            row: e.row,
            column,
            message: ctx.locale === 'en' ? 'imported at the same time by another request' : '该行已被另一次导入同时写入',
          },
        ];
      if (!r?.code) throw e.refusal;
      return [{ row: e.row, column, message: translate(r.code as MessageCode, ctx.locale, r.params) }];
    }
  }

  /** A fuel-card statement → refuel records, matched to vehicles by card number. */
  async importFuel(ctx: AuthContext, buf: Buffer, filename: string) {
    ctx.require(CP['vehicles.costs']);
    const db = this.core.db;
    const { rows, errors } = await parseWorkbook(
      await tabularWorkbook(buf, filename, ctx.locale),
      FUEL_STATEMENT_COLUMNS,
      ZFuelRow,
      ctx.locale,
    );
    const col = (k: string) => {
      const c = FUEL_STATEMENT_COLUMNS.find((x) => x.key === k)!;
      return ctx.locale === 'en' ? c.headerEn : c.headerZh;
    };
    const inScope = new Map((await this.vehiclesInScope(db, ctx)).map((v) => [num(v.id), v]));
    const cards = new Map(
      (
        await queryRows<{ card_no: string; vehicle_id: number | null }>(
          db,
          sql`select card_no, vehicle_id from vehicle_fuel_cards where tenant_id = ${ctx.tenantId}`,
        )
      ).map((c) => [c.card_no, c.vehicle_id === null ? null : num(c.vehicle_id)]),
    );
    const plan: { row: number; key: string; vehicleId: number; at: Date; data: z.infer<typeof ZFuelRow> }[] = [];
    const seen = new Set<string>();
    for (const r of rows) {
      const at = parseCnTime(r.data.time);
      if (!at) {
        errors.push({ row: r.row, column: col('time'), message: translate(CM.VCOST_TIME, ctx.locale, { value: r.data.time }) });
        continue;
      }
      const card = r.data.cardNo.toUpperCase();
      const vehicleId = cards.get(card);
      if (!vehicleId || !inScope.has(vehicleId)) {
        errors.push({ row: r.row, column: col('cardNo'), message: translate(CM.VCOST_CARD_UNKNOWN, ctx.locale, { cardNo: card }) });
        continue;
      }
      const key = r.data.transactionId
        ? `fuel:tx:${r.data.transactionId}`
        : `fuel:row:${card}|${at.toISOString()}|${r.data.litres}|${r.data.amount}`;
      if (seen.has(key)) {
        errors.push({
          row: r.row,
          column: col('transactionId'),
          message: translate(CM.VCOST_DUPLICATE_IN_FILE, ctx.locale, { id: r.data.transactionId ?? `${card} ${r.data.time}` }),
        });
        continue;
      }
      seen.add(key);
      plan.push({ row: r.row, key, vehicleId, at, data: { ...r.data, cardNo: card } });
    }
    if (errors.length) return { imported: 0, skipped: 0, errors: errors.sort((a, b) => a.row - b.row) };
    const done = await this.existing(
      db,
      ctx,
      plan.map((p) => p.key),
    );
    const todo = plan.filter((p) => !done.has(p.key));
    const refused = await this.writeAll(
      ctx,
      col('cardNo'),
      todo,
      (tx, p) =>
        this.costs.writeRefuel(
          tx,
          ctx,
          {
            vehicleId: p.vehicleId,
            kind: 'fuel',
            at: p.at.toISOString(),
            quantity: Math.round(p.data.litres * 100) / 100,
            amount: p.data.amount,
            vendorName: p.data.station,
            cardNo: p.data.cardNo,
            odometerKm: p.data.odometerKm ?? null,
          },
          { source: 'import', externalId: p.key },
        ),
      { entityType: 'vehicle_cost', summary: `fuel-card statement: ${todo.length} refuels, ${plan.length - todo.length} already imported` },
    );
    if (refused.length) return { imported: 0, skipped: 0, errors: refused };
    if (todo.length > 200) await db.execute(sql`analyze vehicle_cost_records`);
    return { imported: todo.length, skipped: plan.length - todo.length, errors: [] };
  }

  /** An ETC issuer's statement → toll records, matched to vehicles by plate. */
  async importEtc(ctx: AuthContext, buf: Buffer, filename: string) {
    ctx.require(CP['vehicles.costs']);
    const db = this.core.db;
    const { rows, errors } = await parseWorkbook(
      await tabularWorkbook(buf, filename, ctx.locale),
      ETC_STATEMENT_COLUMNS,
      ZEtcRow,
      ctx.locale,
    );
    const col = (k: string) => {
      const c = ETC_STATEMENT_COLUMNS.find((x) => x.key === k)!;
      return ctx.locale === 'en' ? c.headerEn : c.headerZh;
    };
    const byPlate = new Map((await this.vehiclesInScope(db, ctx)).map((v) => [v.plate, num(v.id)]));
    const plan: { row: number; key: string; vehicleId: number; at: Date; data: z.infer<typeof ZEtcRow> }[] = [];
    const seen = new Set<string>();
    for (const r of rows) {
      const at = parseCnTime(r.data.time);
      if (!at) {
        errors.push({ row: r.row, column: col('time'), message: translate(CM.VCOST_TIME, ctx.locale, { value: r.data.time }) });
        continue;
      }
      const plate = normalisePlate(r.data.plate);
      const vehicleId = byPlate.get(plate);
      if (!vehicleId) {
        errors.push({ row: r.row, column: col('plate'), message: translate(CM.VCOST_PLATE_UNKNOWN, ctx.locale, { plate }) });
        continue;
      }
      const key = r.data.transactionId
        ? `etc:tx:${r.data.transactionId}`
        : `etc:row:${plate}|${at.toISOString()}|${r.data.entry}|${r.data.exit}|${r.data.amount}`;
      if (seen.has(key)) {
        errors.push({
          row: r.row,
          column: col('transactionId'),
          message: translate(CM.VCOST_DUPLICATE_IN_FILE, ctx.locale, { id: r.data.transactionId ?? `${plate} ${r.data.time}` }),
        });
        continue;
      }
      seen.add(key);
      plan.push({ row: r.row, key, vehicleId, at, data: r.data });
    }
    if (errors.length) return { imported: 0, skipped: 0, errors: errors.sort((a, b) => a.row - b.row) };
    const done = await this.existing(
      db,
      ctx,
      plan.map((p) => p.key),
    );
    const todo = plan.filter((p) => !done.has(p.key));
    const refused = await this.writeAll(
      ctx,
      col('plate'),
      todo,
      (tx, p) =>
        this.costs.writeToll(
          tx,
          ctx,
          {
            vehicleId: p.vehicleId,
            at: p.at.toISOString(),
            entry: p.data.entry,
            exit: p.data.exit,
            amount: p.data.amount,
            transactionId: p.data.transactionId ?? null,
          },
          { source: 'import', externalId: p.key },
        ),
      { entityType: 'vehicle_cost', summary: `ETC statement: ${todo.length} tolls, ${plan.length - todo.length} already imported` },
    );
    if (refused.length) return { imported: 0, skipped: 0, errors: refused };
    if (todo.length > 200) await db.execute(sql`analyze vehicle_cost_records`);
    return { imported: todo.length, skipped: plan.length - todo.length, errors: [] };
  }
}

/** Every cost record as a row (the list's Excel export). */
export const COST_RECORD_EXPORT_COLUMNS: ExcelColumn[] = [
  { key: 'occurredOn', headerZh: '日期', headerEn: 'Date', type: 'string' },
  { key: 'plate', headerZh: '号牌', headerEn: 'Plate', type: 'string', width: 14 },
  {
    key: 'kind',
    headerZh: '费用类别',
    headerEn: 'Kind',
    type: 'enum',
    enum: [
      ['fuel', '加油', 'Fuel'],
      ['charging', '充电', 'Charging'],
      ['repair', '维修', 'Repair'],
      ['insurance', '保险', 'Insurance'],
      ['inspection', '年检', 'Inspection'],
      ['toll', '通行费', 'Toll'],
      ['parking', '停车费', 'Parking'],
      ['other', '其他', 'Other'],
    ].map(([code, labelZh, labelEn]) => ({ code: code!, labelZh: labelZh!, labelEn: labelEn! })),
  },
  { key: 'amount', headerZh: '金额(元)', headerEn: 'Amount (yuan)', type: 'money' },
  { key: 'quantity', headerZh: '数量', headerEn: 'Quantity', type: 'number' },
  { key: 'unit', headerZh: '单位', headerEn: 'Unit', type: 'string' },
  { key: 'vendorName', headerZh: '供应商', headerEn: 'Vendor', type: 'string', width: 24 },
  {
    key: 'vendorFlag',
    headerZh: '非定点标记',
    headerEn: 'Vendor flag',
    type: 'enum',
    enum: [
      ['not_listed', '非定点（未在名录）', 'Not listed'],
      ['not_designated', '非定点', 'Not designated'],
      ['outside_contract', '超出协议期', 'Outside contract'],
    ].map(([code, labelZh, labelEn]) => ({ code: code!, labelZh: labelZh!, labelEn: labelEn! })),
    width: 16,
  },
  { key: 'odometerKm', headerZh: '里程表(km)', headerEn: 'Odometer (km)', type: 'number' },
  { key: 'cardNo', headerZh: '油卡号', headerEn: 'Fuel card', type: 'string', width: 18 },
  { key: 'reference', headerZh: '单号', headerEn: 'Reference', type: 'string', width: 18 },
  { key: 'status', headerZh: '状态', headerEn: 'Status', type: 'string' },
];
