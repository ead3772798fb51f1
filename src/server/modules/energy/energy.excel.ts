import { sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  ALL_UNITS,
  END_USES,
  ENERGY_TYPES,
  ENERGY_UNITS,
  MAX_REGISTER,
  METER_KINDS,
  type TEnergyType,
  ZMeterCreateSchema,
} from '../../../contracts/modules/energy';
import {
  type AuthContext,
  type CoreServices,
  type ExcelColumn,
  type MessageCode,
  cnDayStart,
  addDays,
  dbError,
  num,
  parseCnTime,
  parseWorkbook,
  queryRows,
  scopeOn,
  tabularWorkbook,
  translate,
  writeAudit,
  isIsoDay,
} from '../../core';
import { officeBuildingsByName } from '../office-space';
import { EM } from './energy.messages';
import { EP } from './energy.permissions';
import { loadRules } from './energy.repository';
import type { MeterService } from './meters.service';
import type { NewReading, ReadingService } from './readings.service';

export const TYPE_LABELS: Record<TEnergyType, [string, string]> = {
  electricity: ['电', 'Electricity'],
  water: ['水', 'Water'],
  natural_gas: ['天然气', 'Natural gas'],
  heat: ['热力', 'District heat'],
  gasoline: ['汽油', 'Gasoline'],
  diesel: ['柴油', 'Diesel'],
  lpg: ['液化石油气', 'LPG'],
  coal: ['原煤', 'Coal'],
  coke: ['焦炭', 'Coke'],
  kerosene: ['煤油', 'Kerosene'],
  fuel_oil: ['燃料油', 'Fuel oil'],
  pv_generation: ['光伏发电', 'PV generation'],
};
const END_USE_LABELS: Record<(typeof END_USES)[number], [string, string]> = {
  lighting_socket: ['照明插座', 'Lighting and sockets'],
  hvac: ['空调', 'HVAC'],
  power: ['动力', 'Power'],
  special: ['特殊', 'Special'],
};
const enumOf = (labels: Record<string, [string, string]>) =>
  Object.entries(labels).map(([code, [labelZh, labelEn]]) => ({ code, labelZh, labelEn }));

export const METER_EXPORT_COLUMNS: ExcelColumn[] = [
  { key: 'code', headerZh: '表号', headerEn: 'Code', type: 'string', width: 14 },
  { key: 'name', headerZh: '名称', headerEn: 'Name', type: 'string', width: 28 },
  { key: 'energyType', headerZh: '能源种类', headerEn: 'Energy', type: 'enum', enum: enumOf(TYPE_LABELS) },
  { key: 'unit', headerZh: '计量单位', headerEn: 'Unit', type: 'string', width: 10 },
  {
    key: 'kind',
    headerZh: '类别',
    headerEn: 'Kind',
    type: 'enum',
    enum: [
      { code: 'register', labelZh: '计量表', labelEn: 'Register meter' },
      { code: 'bill', labelZh: '账单户头', labelEn: 'Bill account' },
    ],
  },
  { key: 'orgName', headerZh: '单位', headerEn: 'Unit', type: 'string', width: 24 },
  { key: 'siteName', headerZh: '办公区', headerEn: 'Site', type: 'string', width: 16 },
  { key: 'buildingName', headerZh: '楼宇', headerEn: 'Building', type: 'string', width: 16 },
  { key: 'parentName', headerZh: '上级表', headerEn: 'Parent meter', type: 'string', width: 20 },
  { key: 'endUse', headerZh: '分项', headerEn: 'End use', type: 'enum', enum: enumOf(END_USE_LABELS) },
  { key: 'multiplier', headerZh: '倍率', headerEn: 'Multiplier', type: 'number', width: 8 },
  { key: 'inTotal', headerZh: '计入总量', headerEn: 'In totals', type: 'boolean', width: 10 },
  { key: 'intervalMinutes', headerZh: '采集间隔（分钟）', headerEn: 'Interval (min)', type: 'number', width: 12 },
  { key: 'lastReadingAt', headerZh: '最近读数时间', headerEn: 'Last reading', type: 'string', width: 22 },
  { key: 'lastValue', headerZh: '最近表底数', headerEn: 'Last value', type: 'number', width: 14 },
  { key: 'status', headerZh: '状态', headerEn: 'Status', type: 'string', width: 10 },
];

export const READING_IMPORT_COLUMNS: ExcelColumn[] = [
  { key: 'code', headerZh: '表号', headerEn: 'Meter code', type: 'string', required: true, width: 16, example: 'E-0001' },
  {
    key: 'time',
    headerZh: '读数时间',
    headerEn: 'Reading time',
    type: 'string',
    required: true,
    width: 22,
    example: '2026-01-31',
    noteZh: '只填日期表示当日 24:00（日末）的表底数；也可填 2026-02-01 08:00 或带时区的 ISO 8601',
    noteEn: 'A date alone means the register at the end of that day; or 2026-02-01 08:00, or ISO 8601 with an offset',
  },
  { key: 'value', headerZh: '表底数', headerEn: 'Register value', type: 'number', required: true, width: 16, example: 123456.7 },
];
const ZReadingImportRow = z.object({
  code: z.coerce.string().trim().min(1).max(40),
  time: z.coerce.string().trim().min(1).max(40),
  value: z.number().min(0, '表底数不能为负|a register value cannot be negative').max(MAX_REGISTER),
});

/** "2026-01-31" = the end of that day; a date-time is China time unless it carries an offset. */
export function parseReadingTime(v: string): Date | null {
  const s = v.trim();
  const d = s.match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/);
  if (d) {
    const iso = `${d[1]}-${d[2]!.padStart(2, '0')}-${d[3]!.padStart(2, '0')}`;
    if (!isIsoDay(iso)) return null;
    return cnDayStart(addDays(iso, 1));
  }
  return parseCnTime(s);
}

type Err = { row: number; column: string; message: string };

/** Excel exchange of the energy module: meter ledger import/export and reading imports (all or nothing). */
export class EnergyExcel {
  constructor(
    private readonly core: CoreServices,
    private readonly meters: MeterService,
    private readonly readings: ReadingService,
  ) {}

  /** An export leaves an audit record (who took which data out). */
  async exported(ctx: AuthContext, entityType: string, summary: string) {
    await this.core.db.transaction((tx) => writeAudit(tx, ctx.auditActor(), { action: 'export', entityType, summary }));
  }

  meterColumns(): ExcelColumn[] {
    return [
      { key: 'name', headerZh: '名称', headerEn: 'Name', type: 'string', required: true, width: 28, example: '1号楼总表' },
      { key: 'code', headerZh: '表号', headerEn: 'Code', type: 'string', width: 14, example: 'E-0001' },
      {
        key: 'energyType',
        headerZh: '能源种类',
        headerEn: 'Energy',
        type: 'enum',
        required: true,
        enum: enumOf(TYPE_LABELS),
        example: 'electricity',
      },
      {
        key: 'unit',
        headerZh: '计量单位',
        headerEn: 'Unit',
        type: 'string',
        required: true,
        width: 10,
        example: 'kWh',
        noteZh: ALL_UNITS.join(' / '),
        noteEn: ALL_UNITS.join(' / '),
      },
      {
        key: 'kind',
        headerZh: '类别',
        headerEn: 'Kind',
        type: 'enum',
        enum: [
          { code: 'register', labelZh: '计量表', labelEn: 'Register meter' },
          { code: 'bill', labelZh: '账单户头', labelEn: 'Bill account' },
        ],
        example: 'register',
      },
      { key: 'orgName', headerZh: '单位', headerEn: 'Unit', type: 'string', required: true, width: 24, example: '区发展和改革局' },
      { key: 'buildingName', headerZh: '楼宇', headerEn: 'Building', type: 'string', width: 16 },
      { key: 'parentCode', headerZh: '上级表号', headerEn: 'Parent code', type: 'string', width: 14 },
      { key: 'endUse', headerZh: '分项', headerEn: 'End use', type: 'enum', enum: enumOf(END_USE_LABELS) },
      { key: 'multiplier', headerZh: '倍率', headerEn: 'Multiplier', type: 'number', width: 8, example: 1 },
      { key: 'rolloverValue', headerZh: '翻转值', headerEn: 'Rollover value', type: 'number', width: 12 },
      { key: 'intervalMinutes', headerZh: '采集间隔（分钟）', headerEn: 'Interval (min)', type: 'number', width: 12 },
      { key: 'inTotal', headerZh: '计入总量', headerEn: 'In totals', type: 'boolean', width: 10 },
      { key: 'note', headerZh: '备注', headerEn: 'Note', type: 'string', width: 24 },
    ];
  }

  async importMeters(ctx: AuthContext, buf: Buffer) {
    ctx.require(EP['energy.write']);
    const L = ctx.locale;
    const ZRow = z.object({
      name: z.coerce.string().trim().min(1).max(100),
      code: z.coerce.string().trim().max(40).optional(),
      energyType: z.enum(ENERGY_TYPES),
      unit: z.enum(ALL_UNITS),
      kind: z.enum(METER_KINDS).default('register'),
      orgName: z.coerce.string().trim().min(1).max(100),
      buildingName: z.coerce.string().trim().max(100).optional(),
      parentCode: z.coerce.string().trim().max(40).optional(),
      endUse: z.enum(END_USES).optional(),
      multiplier: z.number().positive().max(1_000_000).default(1),
      rolloverValue: z.number().positive().max(MAX_REGISTER).optional(),
      intervalMinutes: z.union([z.literal(15), z.literal(30), z.literal(60)]).optional(),
      inTotal: z.boolean().optional(),
      note: z.coerce.string().trim().max(500).optional(),
    });
    const columns = this.meterColumns();
    const { rows, errors } = await parseWorkbook(buf, columns, ZRow, L);
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, EP['energy.write'], sql`o.id`);
    const orgs = await queryRows<{ id: number; name: string; short_name: string | null }>(
      db,
      sql`select o.id, o.name, o.short_name from orgs o where o.tenant_id = ${ctx.tenantId} and o.kind in ('unit','bureau') and ${scope}`,
    );
    const orgByName = new Map<string, number>();
    for (const o of orgs) {
      orgByName.set(o.name, num(o.id));
      if (o.short_name) orgByName.set(o.short_name, num(o.id));
    }
    const buildingByName = await officeBuildingsByName(db, ctx.tenantId);
    const existingCodes = new Map(
      (
        await queryRows<{ id: number; code: string }>(
          db,
          sql`select id, code from energy_meters where tenant_id = ${ctx.tenantId} and code is not null`,
        )
      ).map((m) => [m.code, num(m.id)]),
    );
    const col = (key: string) => {
      const c = columns.find((x) => x.key === key)!;
      return L === 'en' ? c.headerEn : c.headerZh;
    };
    const fileCodes = new Map<string, number>();
    const planned: { row: number; input: z.infer<typeof ZMeterCreateSchema>; parentCode?: string }[] = [];
    for (const r of rows) {
      const d = r.data;
      const rowErr = (column: string, message: string) => errors.push({ row: r.row, column: col(column), message });
      const orgId = orgByName.get(d.orgName);
      if (!orgId) rowErr('orgName', L === 'en' ? 'no such unit in your scope' : '在您的管理范围内没有该单位');
      if (!ENERGY_UNITS[d.energyType].includes(d.unit))
        rowErr('unit', L === 'en' ? 'does not fit the energy type' : '计量单位与能源种类不符');
      const buildingId = d.buildingName ? buildingByName.get(d.buildingName) : undefined;
      if (d.buildingName && !buildingId) rowErr('buildingName', L === 'en' ? 'no such building' : '没有该楼宇');
      if (d.code) {
        if (existingCodes.has(d.code) || fileCodes.has(d.code)) rowErr('code', L === 'en' ? 'code already in use' : '表号已被使用');
        fileCodes.set(d.code, r.row);
      }
      if (d.parentCode && !existingCodes.has(d.parentCode) && !(fileCodes.has(d.parentCode) && fileCodes.get(d.parentCode)! < r.row))
        rowErr('parentCode', L === 'en' ? 'no meter with this code above this row or in the ledger' : '台账或本表前面的行中没有该表号');
      const parsed = ZMeterCreateSchema.safeParse({
        name: d.name,
        code: d.code || null,
        energyType: d.energyType,
        unit: d.unit,
        kind: d.kind,
        orgId: orgId ?? 1,
        buildingId: buildingId ?? null,
        endUse: d.endUse ?? null,
        multiplier: d.multiplier,
        rolloverValue: d.rolloverValue ?? null,
        intervalMinutes: d.intervalMinutes ?? null,
        inTotal: d.inTotal,
        note: d.note ?? null,
      });
      if (!parsed.success)
        rowErr('name', parsed.error.issues.map((i) => String(i.message).split('|')[L === 'en' ? 1 : 0] ?? i.message).join('; '));
      else planned.push({ row: r.row, input: parsed.data, parentCode: d.parentCode || undefined });
    }
    if (errors.length) return { imported: 0, errors: errors.sort((a, b) => a.row - b.row) };
    // Every row is valid: create them all in one transaction; a rule the tree enforces (double totals …) fails the whole file with its row.
    let current = 0;
    try {
      await db.transaction(async (tx) => {
        const created = new Map<string, number>();
        for (const p of planned) {
          current = p.row;
          const parentId = p.parentCode ? (created.get(p.parentCode) ?? existingCodes.get(p.parentCode)) : undefined;
          const id = await this.meters.insert(tx, ctx, { ...p.input, parentId: parentId ?? null });
          if (p.input.code) created.set(p.input.code, id);
        }
      });
    } catch (err) {
      const e = err as { code?: MessageCode; params?: Record<string, string | number>; status?: number };
      if (e.status && e.status < 500 && e.code)
        return { imported: 0, errors: [{ row: current, column: col('name'), message: translate(e.code, L, e.params) }] };
      if (dbError(err).code === '23505')
        return {
          imported: 0,
          errors: [{ row: current, column: col('code'), message: L === 'en' ? 'code already in use' : '表号已被使用' }],
        };
      throw err;
    }
    return { imported: planned.length, errors: [] };
  }

  /**
   * Readings from a workbook or CSV (表号, 读数时间, 表底数): every row is checked first (meter
   * in scope and readable, time, value, the same meter and time twice in the file); any error
   * and nothing is stored. A row already stored with the same value is skipped, so importing
   * the same file twice changes nothing; a stored reading with another value is an error (correct it instead).
   */
  async importReadings(ctx: AuthContext, buf: Buffer, filename: string) {
    ctx.require(EP['energy.write']);
    const L = ctx.locale;
    const wb = await tabularWorkbook(buf, filename, L, { datesAtMidnightAsDays: true });
    const { rows, errors } = await parseWorkbook(wb, READING_IMPORT_COLUMNS, ZReadingImportRow, L);
    const db = this.core.db;
    const rules = await loadRules(db);
    const col = (key: string) => {
      const c = READING_IMPORT_COLUMNS.find((x) => x.key === key)!;
      return L === 'en' ? c.headerEn : c.headerZh;
    };
    const codes = [...new Set(rows.map((r) => r.data.code))];
    const scope = await scopeOn(db, ctx, EP['energy.write'], sql`m.org_id`);
    const meters = codes.length
      ? await queryRows<{ id: number; code: string; kind: string; status: string; name: string }>(
          db,
          sql`select m.id, m.code, m.kind, m.status, m.name from energy_meters m
              where m.tenant_id = ${ctx.tenantId} and m.code in ${codes} and ${scope}`,
        )
      : [];
    const byCode = new Map(meters.map((m) => [m.code, m]));
    const now = Date.now() + rules.params.readings.maxFutureMinutes * 60_000;
    const seen = new Map<string, number>();
    const planned: NewReading[] = [];
    for (const r of rows) {
      const e = (column: string, message: string) => errors.push({ row: r.row, column: col(column), message });
      const m = byCode.get(r.data.code);
      if (!m) e('code', L === 'en' ? 'no meter with this code that you may enter readings for' : '没有该表号，或您无权录入');
      else if (m.kind !== 'register') e('code', translate(EM.ENERGY_NOT_REGISTER, L, { name: m.name }));
      else if (m.status !== 'active') e('code', translate(EM.ENERGY_METER_RETIRED, L, { name: m.name }));
      const at = parseReadingTime(r.data.time);
      if (!at) e('time', L === 'en' ? 'not a date or time' : '不是有效的日期或时间');
      else if (at.getTime() > now) e('time', L === 'en' ? 'in the future' : '晚于当前时间');
      if (m && at) {
        const key = `${m.id}|${at.getTime()}`;
        if (seen.has(key)) e('time', L === 'en' ? `same meter and time as row ${seen.get(key)}` : `与第 ${seen.get(key)} 行表号、时间相同`);
        else seen.set(key, r.row);
        planned.push({ index: r.row, meterId: num(m.id), t: at.getTime(), value: r.data.value });
      }
    }
    if (errors.length) return { imported: 0, skipped: 0, errors: errors.sort((a, b) => a.row - b.row) };
    // Readings already stored: the same value is skipped; another value is an error.
    const clash: Err[] = [];
    let skipped = 0;
    const result = await db
      .transaction(async (tx) => {
        const res = await this.readings.storeImported(tx, ctx, planned, rules);
        for (const d of res.duplicateRows) {
          const [ex] = await queryRows<{ value: number }>(
            tx,
            sql`select value from energy_readings where tenant_id = ${ctx.tenantId} and meter_id = ${d.meterId} and ts = to_timestamp(${d.t} / 1000.0)`,
          );
          if (ex && num(ex.value) !== d.value)
            clash.push({
              row: d.index,
              column: col('value'),
              message:
                L === 'en'
                  ? `a reading of ${num(ex.value)} is already stored at this time (correct it instead)`
                  : `该时间已有读数 ${num(ex.value)}（如需更改请使用更正）`,
            });
          else skipped++;
        }
        if (clash.length) throw new ImportClash();
        await writeAudit(tx, ctx.auditActor(), {
          action: 'import',
          entityType: 'energy_readings',
          summary: `${res.inserted} readings imported, ${skipped} already stored`,
        });
        return res;
      })
      .catch((err) => {
        if (err instanceof ImportClash) return null;
        throw err;
      });
    if (!result) return { imported: 0, skipped: 0, errors: clash.sort((a, b) => a.row - b.row) };
    return { imported: result.inserted, skipped, errors: [] };
  }
}

class ImportClash extends Error {}

export const INDICATOR_EXPORT_COLUMNS: ExcelColumn[] = [
  { key: 'orgName', headerZh: '单位', headerEn: 'Unit', type: 'string', width: 26 },
  { key: 'headcount', headerZh: '用能人数', headerEn: 'Headcount', type: 'number', width: 10 },
  { key: 'buildingArea', headerZh: '建筑面积（㎡）', headerEn: 'Floor area (m²)', type: 'number', width: 14 },
  { key: 'kgce', headerZh: '综合能耗（kgce）', headerEn: 'Energy (kgce)', type: 'number', width: 14 },
  { key: 'kgcePerCapita', headerZh: '人均综合能耗（kgce/人）', headerEn: 'kgce per person', type: 'number', width: 16 },
  { key: 'kgcePerSqm', headerZh: '单位面积能耗（kgce/㎡）', headerEn: 'kgce per m²', type: 'number', width: 16 },
  { key: 'water', headerZh: '用水量（m³）', headerEn: 'Water (m³)', type: 'number', width: 12 },
  { key: 'waterPerCapita', headerZh: '人均用水量（m³/人）', headerEn: 'Water per person (m³)', type: 'number', width: 16 },
  { key: 'electricity', headerZh: '用电量（kWh）', headerEn: 'Electricity (kWh)', type: 'number', width: 14 },
  { key: 'electricityPerSqm', headerZh: '单位面积电耗（kWh/㎡）', headerEn: 'kWh per m²', type: 'number', width: 16 },
  { key: 'co2', headerZh: '二氧化碳（kg）', headerEn: 'CO₂ (kg)', type: 'number', width: 14 },
  { key: 'co2PerSqm', headerZh: '单位面积碳排放（kg/㎡）', headerEn: 'CO₂ per m² (kg)', type: 'number', width: 16 },
  { key: 'cost', headerZh: '能源费用（元）', headerEn: 'Energy cost (yuan)', type: 'money', width: 14 },
];
export const BILL_EXPORT_COLUMNS: ExcelColumn[] = [
  { key: 'month', headerZh: '月份', headerEn: 'Month', type: 'string', width: 10 },
  { key: 'orgName', headerZh: '单位', headerEn: 'Unit', type: 'string', width: 24 },
  { key: 'meterName', headerZh: '表计/户头', headerEn: 'Meter or account', type: 'string', width: 24 },
  { key: 'energyType', headerZh: '能源种类', headerEn: 'Energy', type: 'enum', enum: enumOf(TYPE_LABELS) },
  { key: 'quantity', headerZh: '用量', headerEn: 'Quantity', type: 'number', width: 12 },
  { key: 'unit', headerZh: '单位', headerEn: 'Unit', type: 'string', width: 8 },
  { key: 'amount', headerZh: '金额（元）', headerEn: 'Amount (yuan)', type: 'money', width: 12 },
  { key: 'invoiceNo', headerZh: '发票号', headerEn: 'Invoice', type: 'string', width: 16 },
];
export const ASSESSMENT_EXPORT_COLUMNS: ExcelColumn[] = [
  { key: 'rank', headerZh: '名次', headerEn: 'Rank', type: 'number', width: 6 },
  { key: 'orgName', headerZh: '单位', headerEn: 'Unit', type: 'string', width: 26 },
  { key: 'score', headerZh: '总分', headerEn: 'Score', type: 'number', width: 8 },
  {
    key: 'grade',
    headerZh: '等次',
    headerEn: 'Grade',
    type: 'enum',
    enum: [
      { code: 'excellent', labelZh: '优秀', labelEn: 'Excellent' },
      { code: 'good', labelZh: '良好', labelEn: 'Good' },
      { code: 'pass', labelZh: '合格', labelEn: 'Pass' },
      { code: 'fail', labelZh: '不合格', labelEn: 'Fail' },
    ],
  },
  { key: 'quota', headerZh: '定额完成', headerEn: 'Quota', type: 'number', width: 10 },
  { key: 'change', headerZh: '能耗变化', headerEn: 'Change', type: 'number', width: 10 },
  { key: 'findings', headerZh: '巡查问题', headerEn: 'Findings', type: 'number', width: 10 },
  { key: 'reporting', headerZh: '统计报送', headerEn: 'Reporting', type: 'number', width: 10 },
];
export const TRACKER_EXPORT_COLUMNS: ExcelColumn[] = [
  { key: 'orgName', headerZh: '单位', headerEn: 'Unit', type: 'string', width: 26 },
  {
    key: 'status',
    headerZh: '状态',
    headerEn: 'Status',
    type: 'enum',
    enum: [
      { code: 'not_started', labelZh: '未填报', labelEn: 'Not started' },
      { code: 'draft', labelZh: '草稿', labelEn: 'Draft' },
      { code: 'pending', labelZh: '审核中', labelEn: 'Under review' },
      { code: 'approved', labelZh: '已通过', labelEn: 'Approved' },
      { code: 'returned', labelZh: '已退回', labelEn: 'Returned' },
      { code: 'rejected', labelZh: '未通过', labelEn: 'Rejected' },
      { code: 'withdrawn', labelZh: '已撤回', labelEn: 'Withdrawn' },
    ],
  },
  { key: 'submittedAt', headerZh: '提交时间', headerEn: 'Submitted', type: 'string', width: 22 },
  { key: 'late', headerZh: '逾期提交', headerEn: 'Late', type: 'boolean', width: 10 },
  { key: 'overdue', headerZh: '逾期未报', headerEn: 'Overdue', type: 'boolean', width: 10 },
];
