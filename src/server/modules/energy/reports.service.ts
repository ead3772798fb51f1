import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { REPORT_FIELDS, type REPORT_STATUSES, type TReportField, type ZReportSaveSchema } from '../../../contracts/modules/energy';
import {
  type AuthContext,
  type CoreServices,
  concurrently,
  type Executor,
  type Locale,
  assertOrgInScope,
  badRequest,
  cnToday,
  notFound,
  num,
  numOrNull,
  queryRows,
  type BusinessType,
  statusHooks,
  writeAudit,
  bureauReview,
  fenToYuan,
  loadExcelJS,
  defineApprovalSummary,
} from '../../core';
import { vehicleFleetByOrg } from '../vehicles';
import { EM } from './energy.messages';
import { EP } from './energy.permissions';
import { buildingAreaByOrg, headcountByOrg, loadRules, unitsInScope } from './energy.repository';
import { type EnergyRules, kgceOf } from './energy.rules';
import type { IndicatorService } from './indicators.service';

export const REPORT_TYPE = 'energy.report';

export const ENERGY_REPORT_BUSINESS_TYPE: BusinessType = {
  type: REPORT_TYPE,
  nameZh: '能源资源消费统计年报',
  nameEn: 'Annual energy statistics report',
  summary: defineApprovalSummary({
    fields: {
      year: { zh: '年度', en: 'Year', kind: 'text' },
      kgce: { zh: '综合能耗', en: 'Total energy use', kind: 'number', unit: { zh: '千克标准煤', en: 'kgce' } },
      changed: { zh: '已说明原因的变动项', en: 'Changes explained', kind: 'number', unit: { zh: '项', en: '' } },
    },
  }),
  link: (id) => `/energy/reports/by-id/${id}`,
  defaultFlow: {
    nameZh: '能源资源消费统计年报审核',
    nameEn: 'Annual energy report review',
    steps: [bureauReview()],
  },
  ...statusHooks('energy_reports', 'energy_report'),
};

type Values = Record<TReportField, number>;

/** The national form's rows: label, unit, and how a value converts to standard coal. */
export const REPORT_ROWS: { field: TReportField; zh: string; en: string; unit: string; code: string }[] = [
  { field: 'buildingArea', zh: '建筑面积', en: 'Building floor area', unit: '平方米', code: '01' },
  { field: 'headcount', zh: '用能人数', en: 'Headcount', unit: '人', code: '02' },
  { field: 'electricity', zh: '电力', en: 'Electricity', unit: '千瓦时', code: '03' },
  { field: 'water', zh: '水', en: 'Water', unit: '立方米', code: '04' },
  { field: 'naturalGas', zh: '天然气', en: 'Natural gas', unit: '立方米', code: '05' },
  { field: 'heat', zh: '热力', en: 'District heat', unit: '百万千焦', code: '06' },
  { field: 'gasoline', zh: '汽油', en: 'Gasoline', unit: '升', code: '07' },
  { field: 'diesel', zh: '柴油', en: 'Diesel', unit: '升', code: '08' },
  { field: 'lpg', zh: '液化石油气', en: 'LPG', unit: '千克', code: '09' },
  { field: 'coal', zh: '煤炭', en: 'Coal', unit: '千克', code: '10' },
  { field: 'otherFuelKgce', zh: '其他燃料', en: 'Other fuels', unit: '千克标准煤', code: '11' },
  { field: 'pvGeneration', zh: '光伏发电量', en: 'PV generation', unit: '千瓦时', code: '12' },
  { field: 'vehicles', zh: '公务用车数量', en: 'Official vehicles', unit: '辆', code: '13' },
  { field: 'newEnergyVehicles', zh: '其中：新能源汽车', en: 'of which new-energy', unit: '辆', code: '14' },
  { field: 'energyCost', zh: '能源费用', en: 'Energy cost', unit: '元', code: '15' },
];

const r2 = (v: number) => Math.round(v * 100) / 100;
const deadlineOf = (year: number, rules: EnergyRules) => `${year + 1}-${rules.params.report.deadline}`;

/** Standard coal and the per-capita, per-area and water figures of a report's values. */
export function derive(v: Values, rules: EnergyRules) {
  const kgce =
    kgceOf('electricity', 'kWh', v.electricity, rules) +
    kgceOf('natural_gas', 'm3', v.naturalGas, rules) +
    kgceOf('heat', 'GJ', v.heat, rules) +
    kgceOf('gasoline', 'L', v.gasoline, rules) +
    kgceOf('diesel', 'L', v.diesel, rules) +
    kgceOf('lpg', 'kg', v.lpg, rules) +
    kgceOf('coal', 'kg', v.coal, rules) +
    v.otherFuelKgce;
  return {
    kgce: r2(kgce),
    kgcePerCapita: v.headcount > 0 ? r2(kgce / v.headcount) : null,
    kgcePerSqm: v.buildingArea > 0 ? r2(kgce / v.buildingArea) : null,
    waterPerCapita: v.headcount > 0 ? r2(v.water / v.headcount) : null,
  };
}

/**
 * The annual statistics report of each institution (公共机构能源资源消费统计): prefilled
 * from the year's readings, bills, the office registry's floor area, personnel and the
 * vehicle fleet; every value that differs from the prefill needs a reason; submitted through
 * the approval engine by 31 March (rule data), with a tracker of who has not.
 */
export class ReportService {
  constructor(
    private readonly core: CoreServices,
    private readonly indicators: IndicatorService,
  ) {}

  /** What the records give for a unit's year. */
  async prefill(db: Executor, ctx: AuthContext, orgId: number, year: number, rules: EnergyRules): Promise<Values> {
    const { byOrg } = await this.indicators.consumption(ctx, `${year}-01-01`, `${year}-12-31`, orgId, rules, db);
    const c = byOrg.get(orgId);
    const q = (t: string) => c?.byType.get(t as 'electricity')?.quantity ?? 0;
    const litres = (t: 'gasoline' | 'diesel') => {
      const kg = q(t);
      const d = rules.coal.densityKgPerL[t];
      return d ? kg / d : 0;
    };
    const [areas, heads, fleet] = await concurrently(
      db,
      () => buildingAreaByOrg(db, ctx.tenantId),
      () => headcountByOrg(db, ctx.tenantId),
      () => vehicleFleetByOrg(db, ctx.tenantId, `${year}-12-31`),
    );
    const other = (['kerosene', 'coke', 'fuel_oil'] as const).reduce((s, t) => s + (c?.byType.get(t)?.kgce ?? 0), 0);
    return {
      buildingArea: r2(areas.get(orgId) ?? 0),
      headcount: heads.get(orgId) ?? 0,
      electricity: r2(q('electricity')),
      water: r2(q('water')),
      naturalGas: r2(q('natural_gas')),
      heat: r2(q('heat')),
      gasoline: r2(litres('gasoline')),
      diesel: r2(litres('diesel')),
      lpg: r2(q('lpg')),
      coal: r2(q('coal')),
      otherFuelKgce: r2(other),
      pvGeneration: r2(q('pv_generation')),
      vehicles: fleet.get(orgId)?.total ?? 0,
      newEnergyVehicles: fleet.get(orgId)?.newEnergy ?? 0,
      // The statistics form holds numbers (like every other field of it); the figure comes from the exact fen sum.
      energyCost: Number(fenToYuan(c?.cost ?? 0n)),
    };
  }

  private async org(db: Executor, ctx: AuthContext, permission: string, orgId: number) {
    const org = await assertOrgInScope(db, ctx, permission, orgId);
    if (org.tenantId !== ctx.tenantId || (org.kind !== 'unit' && org.kind !== 'bureau')) throw notFound('org');
    const [o] = await queryRows<{ name: string; credit_code: string | null }>(
      db,
      sql`select name, credit_code from orgs where id = ${orgId}`,
    );
    return { ...org, name: o!.name, creditCode: o!.credit_code };
  }

  async get(ctx: AuthContext, orgId: number, year: number) {
    ctx.require(EP['energy.read']);
    const db = this.core.db;
    const org = await this.org(db, ctx, EP['energy.read'], orgId);
    const rules = await loadRules(db, `${year}-12-31`);
    const [row] = await queryRows<Record<string, unknown>>(
      db,
      sql`select * from energy_reports where tenant_id = ${ctx.tenantId} and org_id = ${orgId} and year = ${year}`,
    );
    const [last] = await queryRows<{ values: Values }>(
      db,
      sql`select values from energy_reports where tenant_id = ${ctx.tenantId} and org_id = ${orgId} and year = ${year - 1} and status in ('pending','approved')`,
    );
    // A draft follows the records until it is submitted; a submitted report keeps what it said.
    const locked = row && ['pending', 'approved'].includes(String(row.status));
    const prefill = locked ? (row.prefill as Values) : await this.prefill(db, ctx, orgId, year, rules);
    const values = { ...prefill, ...((row?.values as Partial<Values>) ?? {}) } as Values;
    const deadline = deadlineOf(year, rules);
    const submittedAt = row?.submitted_at ? new Date(String(row.submitted_at)).toISOString() : null;
    return {
      id: row ? num(row.id) : null,
      orgId,
      orgName: org.name,
      creditCode: org.creditCode,
      year,
      status: (row?.status as 'draft') ?? 'not_started',
      prefill,
      values,
      reasons: (row?.reasons as Record<string, string>) ?? {},
      derived: derive(values, rules),
      lastYear: last?.values ?? null,
      deadline,
      late: !!submittedAt && submittedAt.slice(0, 10) > deadline,
      submittedAt,
      instanceId: row ? numOrNull(row.instance_id) : null,
    };
  }

  async byId(ctx: AuthContext, id: number) {
    const [r] = await queryRows<{ org_id: number; year: number }>(
      this.core.db,
      sql`select org_id, year from energy_reports where id = ${id} and tenant_id = ${ctx.tenantId}`,
    );
    if (!r) throw notFound('energy_report');
    return this.get(ctx, num(r.org_id), num(r.year));
  }

  async save(ctx: AuthContext, orgId: number, year: number, input: z.infer<typeof ZReportSaveSchema>, submit = false) {
    ctx.require(EP['energy.report']);
    if (year >= Number(cnToday().slice(0, 4))) throw badRequest(EM.ENERGY_REPORT_YEAR, { year });
    const db = this.core.db;
    await db.transaction(async (tx) => {
      const org = await this.org(tx, ctx, EP['energy.report'], orgId);
      const rules = await loadRules(tx, `${year}-12-31`);
      const [row] = await queryRows<Record<string, unknown>>(
        tx,
        sql`select * from energy_reports where tenant_id = ${ctx.tenantId} and org_id = ${orgId} and year = ${year} for update`,
      );
      if (row && ['pending', 'approved'].includes(String(row.status))) throw badRequest(EM.ENERGY_REPORT_LOCKED);
      const prefill = await this.prefill(tx, ctx, orgId, year, rules);
      const values = { ...prefill, ...((row?.values as Partial<Values>) ?? {}), ...input.values } as Values;
      const reasons: Record<string, string> = { ...((row?.reasons as Record<string, string>) ?? {}), ...input.reasons };
      for (const f of REPORT_FIELDS) {
        if (Math.abs(values[f] - prefill[f]) < 0.005) {
          delete reasons[f];
          continue;
        }
        if (!reasons[f]?.trim()) {
          const label = REPORT_ROWS.find((r) => r.field === f)!;
          throw badRequest(EM.ENERGY_REPORT_REASON, { field: ctx.locale === 'en' ? label.en : label.zh }, { field: f });
        }
      }
      if (values.newEnergyVehicles > values.vehicles)
        throw badRequest(
          'VALIDATION_FAILED',
          { fields: 'newEnergyVehicles' },
          {
            fields: [{ field: 'newEnergyVehicles', message: ctx.locale === 'en' ? 'more than the vehicles' : '不能多于公务用车数量' }],
          },
        );
      const [saved] = await queryRows<{ id: number }>(
        tx,
        sql`insert into energy_reports (tenant_id, org_id, year, status, values, prefill, reasons, updated_by)
            values (${ctx.tenantId}, ${orgId}, ${year}, 'draft', ${JSON.stringify(values)}::jsonb, ${JSON.stringify(prefill)}::jsonb,
                    ${JSON.stringify(reasons)}::jsonb, ${ctx.account.id})
            on conflict (tenant_id, org_id, year) do update set values = excluded.values, prefill = excluded.prefill, reasons = excluded.reasons,
              updated_by = excluded.updated_by, updated_at = now(),
              status = case when energy_reports.status in ('returned','rejected','withdrawn') then energy_reports.status else 'draft' end
            returning id`,
      );
      const id = num(saved!.id);
      await writeAudit(tx, ctx.auditActor(), {
        action: row ? 'update' : 'create',
        entityType: 'energy_report',
        entityId: id,
        orgId,
        summary: `${org.name} ${year}`,
        before: row ? { values: row.values, reasons: row.reasons } : undefined,
        after: { values, reasons },
      });
      if (submit) {
        const d = derive(values, rules);
        const inst = await this.core.approvals.submit(tx, ctx, {
          businessType: REPORT_TYPE,
          businessId: id,
          title: { zh: `${org.name} ${year} 年能源资源消费统计年报`, en: `${org.name}: ${year} annual energy and resource report` },
          orgId,
          facts: { kgce: d.kgce, changed: Object.keys(reasons).length, year: String(year) },
        });
        await tx.execute(
          sql`update energy_reports set status = ${inst.status === 'approved' ? 'approved' : 'pending'}, instance_id = ${inst.id}, submitted_at = now()
              where id = ${id}`,
        );
        await writeAudit(tx, ctx.auditActor(), {
          action: 'submit',
          entityType: 'energy_report',
          entityId: id,
          orgId,
          after: { status: 'pending', instanceId: inst.id, kgce: d.kgce },
        });
      }
    });
    return this.get(ctx, orgId, year);
  }

  async tracker(ctx: AuthContext, year: number, orgId?: number) {
    ctx.require(EP['energy.read']);
    const db = this.core.db;
    const units = await unitsInScope(db, ctx, EP['energy.read'], orgId);
    const rules = await loadRules(db, `${year}-12-31`);
    const deadline = deadlineOf(year, rules);
    const ids = units.map((u) => num(u.id));
    const rows = ids.length
      ? await queryRows<{ org_id: number; status: string; submitted_at: string | null }>(
          db,
          sql`select org_id, status, submitted_at from energy_reports where tenant_id = ${ctx.tenantId} and year = ${year} and org_id in ${ids}`,
        )
      : [];
    const by = new Map(rows.map((r) => [num(r.org_id), r]));
    const today = cnToday();
    const items = units.map((u) => {
      const r = by.get(num(u.id));
      const status = (r?.status ?? 'not_started') as (typeof REPORT_STATUSES)[number];
      const submittedAt = r?.submitted_at ? new Date(String(r.submitted_at)).toISOString() : null;
      const submitted = status === 'pending' || status === 'approved';
      return {
        orgId: num(u.id),
        orgName: u.name,
        status,
        submittedAt,
        late: !!submittedAt && submittedAt.slice(0, 10) > deadline,
        overdue: !submitted && today > deadline,
      };
    });
    const counts: Record<string, number> = {};
    for (const i of items) counts[i.status] = (counts[i.status] ?? 0) + 1;
    return { year, deadline, counts, items };
  }

  /** The report as a workbook in the layout of the national form (one sheet, A4 portrait). */
  async workbook(ctx: AuthContext, orgId: number, year: number): Promise<Buffer> {
    const r = await this.get(ctx, orgId, year);
    const L: Locale = ctx.locale;
    const wb = new (await loadExcelJS()).Workbook();
    const ws = wb.addWorksheet(L === 'en' ? `Report ${year}` : `${year}年报`, {
      pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true },
    });
    ws.columns = [{ width: 6 }, { width: 26 }, { width: 14 }, { width: 8 }, { width: 16 }, { width: 16 }, { width: 10 }, { width: 30 }];
    ws.mergeCells('A1:H1');
    ws.getCell('A1').value =
      L === 'en' ? `Public institution energy and resource consumption, ${year}` : `公共机构能源资源消费状况统计表（${year}年）`;
    ws.getCell('A1').font = { bold: true, size: 14 };
    ws.getCell('A1').alignment = { horizontal: 'center' };
    ws.addRow([]);
    ws.addRow([
      L === 'en' ? 'Institution' : '单位名称',
      r.orgName,
      '',
      '',
      L === 'en' ? 'Credit code' : '统一社会信用代码',
      r.creditCode ?? '',
    ]);
    ws.addRow([L === 'en' ? 'Status' : '状态', statusLabel(r.status, L), '', '', L === 'en' ? 'Deadline' : '报送截止', r.deadline]);
    ws.addRow([]);
    const head = ws.addRow(
      L === 'en'
        ? ['No.', 'Indicator', 'Unit', 'Code', `${year}`, `${year - 1}`, 'Change %', 'Reason for change from the records']
        : ['序号', '指标名称', '计量单位', '代码', '本年', '上年', '增减 %', '与台账数据不一致的原因'],
    );
    head.font = { bold: true };
    REPORT_ROWS.forEach((row, i) => {
      const now = r.values[row.field];
      const prev = r.lastYear?.[row.field];
      ws.addRow([
        i + 1,
        L === 'en' ? row.en : row.zh,
        row.unit,
        row.code,
        now,
        prev ?? '',
        prev ? Math.round(((now - prev) / prev) * 10000) / 100 : '',
        r.reasons[row.field] ?? '',
      ]);
    });
    ws.addRow([]);
    const d = r.derived;
    ws.addRow(['', L === 'en' ? 'Total energy (kgce)' : '综合能耗（千克标准煤）', '', '', d.kgce]);
    ws.addRow(['', L === 'en' ? 'kgce per person' : '人均综合能耗（千克标准煤/人）', '', '', d.kgcePerCapita ?? '']);
    ws.addRow(['', L === 'en' ? 'kgce per m²' : '单位建筑面积能耗（千克标准煤/平方米）', '', '', d.kgcePerSqm ?? '']);
    ws.addRow(['', L === 'en' ? 'Water per person (m³)' : '人均用水量（立方米/人）', '', '', d.waterPerCapita ?? '']);
    ws.addRow([]);
    ws.addRow([
      L === 'en' ? 'Statistician:' : '统计人：',
      '',
      '',
      L === 'en' ? 'Head of unit:' : '单位负责人：',
      '',
      L === 'en' ? 'Date:' : '填报日期：',
    ]);
    for (let i = 6; i <= ws.rowCount; i++)
      ws.getRow(i).eachCell((c) => {
        c.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
      });
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}

function statusLabel(s: string, L: Locale) {
  const zh: Record<string, string> = {
    not_started: '未填报',
    draft: '草稿',
    pending: '审核中',
    approved: '已通过',
    returned: '已退回',
    rejected: '未通过',
    withdrawn: '已撤回',
  };
  return L === 'en' ? s.replace('_', ' ') : (zh[s] ?? s);
}
