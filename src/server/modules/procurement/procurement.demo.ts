import { sql } from 'drizzle-orm';
import { CALENDAR_DAYS, type CoreServices, addDays, addWorkingDays, queryRows, toFen, writeAudit } from '../../core';
import { PROCUREMENT_RULE } from './procurement.ruletables';
import { type ProcurementRules, needsQuotes } from './disclosure';
import { procurementPlans, procurementProjects, procurementQuotes, procurementSuppliers } from './procurement.schema';

type DemoOrgs = { bureau: { id: number; tenantId: number } };

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const yuan = (fen: bigint) => `${fen / 100n}.${(fen % 100n).toString().padStart(2, '0')}`;

const ITEMS: [string, string | null][] = [
  ['办公家具', 'A050100'],
  ['台式计算机', 'A020101'],
  ['复印打印设备', 'A020102'],
  ['网络交换设备', 'A020103'],
  ['会议显示屏', 'A020104'],
  ['空调机组', 'A020401'],
  ['档案密集架', 'A050106'],
  ['物业管理服务', null],
  ['食堂食材配送', null],
  ['办公楼保洁服务', null],
  ['信息系统运维服务', null],
  ['公务印刷服务', null],
];

/**
 * A year (2025) of the district's procurement: 208 awarded orders whose budgets sum to exactly
 * 1,730万 and contracts to 1,522万 (saving 208万, 12.02 %; the article's "207.6万, 12 %"
 * rounds), with intentions, results and contracts published on time except one result
 * published three working days after its award; small purchases carry three quotes; and a
 * handful of 2026 projects under way (intentions out, awards to come).
 */
export async function seedProcurementDemo(core: CoreServices, ctx: DemoOrgs): Promise<void> {
  const rnd = prng(2080);
  const tenantId = ctx.bureau.tenantId;
  const rule: ProcurementRules = PROCUREMENT_RULE.versions.at(-1)!.data;
  const cal = new Map(CALENDAR_DAYS.map((d) => [d.day, d.kind]));
  const units = await queryRows<{ id: number; name: string }>(
    core.db,
    sql`select id, name from orgs where tenant_id = ${tenantId} and kind in ('unit','bureau') and id <> ${tenantId} order by sort, id`,
  );
  if (units.length === 0) return;
  const N = 208;
  const BUDGET = toFen('17300000.00');
  const CONTRACT = toFen('15220000.00');
  // Weights skewed so a few large tenders carry most of the money, as in a real district.
  const w = Array.from({ length: N }, (_, i) => (i % 23 === 0 ? 40 : i % 7 === 0 ? 8 : 1) * (0.5 + rnd()));
  const wSum = w.reduce((a, b) => a + b, 0);
  const budgets = w.map((x) => ((BigInt(Math.floor((x / wSum) * 1e6)) * BUDGET) / 1_000_000n / 100n) * 100n);
  budgets[0]! += BUDGET - budgets.reduce((a, b) => a + b, 0n);
  const contracts = budgets.map((b) => (b * BigInt(800 + Math.floor(rnd() * 160))) / 1000n);
  contracts[0]! += CONTRACT - contracts.reduce((a, b) => a + b, 0n);

  const rows: (typeof procurementProjects.$inferInsert)[] = [];
  const lateIndex = 57;
  for (let i = 0; i < N; i++) {
    const budget = budgets[i]!;
    const big = budget >= toFen('1000000.00');
    const method = big
      ? i % 3 === 0
        ? 'competitive_consultation'
        : 'open_tender'
      : budget >= toFen('300000.00')
        ? (['competitive_negotiation', 'competitive_consultation', 'inquiry'] as const)[i % 3]!
        : (['designated', 'framework', 'inquiry', 'designated'] as const)[i % 4]!;
    const [item, category] = ITEMS[i % ITEMS.length]!;
    const unit = units[(i * 7) % units.length]!;
    const award = addWorkingDays(addDays('2025-01-06', Math.floor((i / N) * 350)), 0, cal);
    const notice = addDays(award, -20);
    const exempt = (rule.intentionExemptMethods ?? []).includes(method);
    const contractDate = addWorkingDays(award, 3, cal);
    rows.push({
      tenantId,
      orgId: unit.id,
      code: `CG-2025-${String(i + 1).padStart(4, '0')}`,
      name: `${unit.name}${item}${big ? '项目' : '采购'}`,
      method,
      categoryCode: category,
      budget: yuan(budget),
      contractAmount: yuan(contracts[i]!),
      supplierName: `${['江州', '华东', '恒信', '新业', '同创'][i % 5]}${['科技', '商贸', '家具', '物业', '设备'][i % 5]}有限公司`,
      intentionPublishedOn: exempt ? null : addDays(notice, -(35 + (i % 20))),
      noticePublishedOn: method === 'designated' ? null : notice,
      awardDate: award,
      resultPublishedOn: addWorkingDays(award, i === lateIndex ? 3 : i % 2, cal),
      contractDate,
      contractPublishedOn: addWorkingDays(contractDate, 1, cal),
      bidBond: method === 'open_tender' ? yuan(budget / 100n) : null,
      performanceBond: big ? yuan((contracts[i]! * 5n) / 100n) : null,
      note: null,
    });
  }
  // 2026's plan: a line for each project under way, and others not started yet.
  const planRows: (typeof procurementPlans.$inferInsert)[] = [];
  for (let i = 0; i < 24; i++) {
    const unit = units[(i * 5 + 3) % units.length]!;
    const [item, category] = ITEMS[i % ITEMS.length]!;
    planRows.push({
      tenantId,
      orgId: unit.id,
      year: 2026,
      itemName: item,
      categoryCode: category,
      method: i < 6 ? 'open_tender' : (['inquiry', 'designated', 'competitive_consultation'] as const)[i % 3]!,
      budget: i < 6 ? yuan(toFen('650000.00') + BigInt(i) * toFen('85000.00')) : yuan(toFen('80000.00') + BigInt(i) * toFen('23500.00')),
      plannedMonth: 1 + (i % 12),
    });
  }
  const plans = await core.db.insert(procurementPlans).values(planRows).returning({ id: procurementPlans.id });
  for (let i = 0; i < 6; i++) {
    const unit = units[(i * 5 + 3) % units.length]!;
    const [item, category] = ITEMS[i]!;
    rows.push({
      planId: plans[i]!.id,
      tenantId,
      orgId: unit.id,
      code: `CG-2026-${String(9001 + i)}`,
      name: `${unit.name}${item}项目（2026）`,
      method: 'open_tender',
      categoryCode: category,
      budget: yuan(toFen('600000.00') + BigInt(i) * toFen('85000.00')),
      intentionPublishedOn: addDays('2026-11-02', i * 3),
      noticePublishedOn: i < 3 ? addDays('2026-12-08', i * 2) : null,
    });
  }
  await core.db.transaction(async (tx) => {
    const ids = await tx.insert(procurementProjects).values(rows).returning({ id: procurementProjects.id });
    const quotes: (typeof procurementQuotes.$inferInsert)[] = [];
    rows.forEach((r, i) => {
      if (!r.contractAmount || !needsQuotes({ method: r.method, budget: r.budget }, rule)) return;
      const c = toFen(r.contractAmount);
      quotes.push(
        { projectId: ids[i]!.id, supplierName: String(r.supplierName), amount: r.contractAmount, selected: true },
        { projectId: ids[i]!.id, supplierName: '江南办公用品有限公司', amount: yuan((c * 104n) / 100n) },
        { projectId: ids[i]!.id, supplierName: '东方恒达贸易有限公司', amount: yuan((c * 109n) / 100n) },
      );
    });
    if (quotes.length) await tx.insert(procurementQuotes).values(quotes);
    // The suppliers of the year's orders; three of them designated (定点) for their classes.
    const SUPPLIERS: [string, string[] | null][] = [
      ['江州科技有限公司', ['A0201']],
      ['华东商贸有限公司', null],
      ['恒信家具有限公司', ['A0501']],
      ['新业物业有限公司', null],
      ['同创设备有限公司', ['A0204']],
      ['江南办公用品有限公司', null],
      ['东方恒达贸易有限公司', null],
    ];
    await tx.insert(procurementSuppliers).values(
      SUPPLIERS.map(([name, cats], i) => ({
        tenantId,
        orgId: ctx.bureau.id,
        name,
        creditCode: `9132010${String(i + 1).padStart(2, '0')}MA1X${String(100 + i * 37).padStart(3, '0')}C${i}`
          .slice(0, 18)
          .padEnd(18, '0'),
        designated: !!cats,
        categories: cats ?? [],
        validFrom: cats ? '2025-01-01' : null,
        validTo: cats ? '2027-12-31' : null,
        contact: '业务部',
      })),
    );
    await writeAudit(
      tx,
      { tenantId, actorId: null, actorName: 'system', ip: null },
      {
        action: 'create',
        entityType: 'demo_data',
        orgId: ctx.bureau.id,
        summary: `procurement: ${rows.length} projects, ${quotes.length} quotes`,
      },
    );
  });
}
