import { sql } from 'drizzle-orm';
import { type CoreServices, addDays, cnToday, fenToYuan, queryRows, toFen, writeAudit } from '../../core';
import { type StockPosition, issue, receive } from './supplies.cost';
import {
  suppliesItems,
  suppliesMovements,
  suppliesReceipts,
  suppliesRequisitionLines,
  suppliesRequisitions,
  suppliesStock,
} from './supplies.schema';
import { SuppliesService } from './supplies.service';

type DemoOrgs = {
  bureau: { id: number; tenantId: number };
  units: Map<string, { id: number; name: string }>;
  accounts: Map<string, number>;
};

/** [code, name, spec, unit of measure, GB/T 14885 category, minimum stock, unit price] */
const CATALOGUE: [string, string, string | null, string, string | null, number, string][] = [
  ['BG-0001', 'A4复印纸', '70g 500张/包', '包', 'A090101', 40, '23.50'],
  ['BG-0002', 'A3复印纸', '70g 500张/包', '包', 'A090101', 10, '47.00'],
  ['BG-0003', '签字笔', '0.5mm 黑色', '支', null, 50, '1.85'],
  ['BG-0004', '签字笔芯', '0.5mm 黑色', '支', null, 100, '0.65'],
  ['BG-0005', '圆珠笔', '0.7mm 蓝色', '支', null, 30, '1.20'],
  ['BG-0006', '铅笔', 'HB', '支', null, 20, '0.80'],
  ['BG-0007', '荧光笔', '五色套装', '套', null, 5, '9.90'],
  ['BG-0008', '白板笔', '黑色 可擦', '支', null, 10, '2.60'],
  ['BG-0009', '硒鼓', 'HP 88A 黑色', '个', 'A020204', 6, '268.00'],
  ['BG-0010', '墨盒', 'Canon PG-845 黑色', '个', 'A020204', 4, '98.00'],
  ['BG-0011', '碳粉', 'Brother TN-2325', '瓶', 'A020204', 4, '76.00'],
  ['BG-0012', '文件夹', 'A4 双强力夹', '个', null, 30, '6.80'],
  ['BG-0013', '档案盒', 'A4 背宽5.5cm', '个', null, 40, '5.20'],
  ['BG-0014', '档案袋', '牛皮纸 250g', '个', null, 50, '0.95'],
  ['BG-0015', '拉链袋', 'A4 透明', '个', null, 20, '1.60'],
  ['BG-0016', '订书机', '12号 标准型', '个', null, 3, '18.50'],
  ['BG-0017', '订书钉', '24/6 1000枚/盒', '盒', null, 20, '1.50'],
  ['BG-0018', '起钉器', '标准型', '个', null, 2, '4.80'],
  ['BG-0019', '长尾夹', '32mm 12只/盒', '盒', null, 10, '5.40'],
  ['BG-0020', '回形针', '29mm 100枚/盒', '盒', null, 10, '1.90'],
  ['BG-0021', '便利贴', '76×76mm 100张', '本', null, 20, '2.30'],
  ['BG-0022', '笔记本', 'B5 60页', '本', null, 30, '4.50'],
  ['BG-0023', '会议记录本', 'A5 皮面', '本', null, 10, '16.00'],
  ['BG-0024', '信封', '5号 牛皮纸 100个/包', '包', null, 5, '12.00'],
  ['BG-0025', '胶水', '50ml 液体', '瓶', null, 10, '2.20'],
  ['BG-0026', '固体胶', '21g', '支', null, 10, '2.80'],
  ['BG-0027', '透明胶带', '48mm×100m', '卷', null, 10, '4.60'],
  ['BG-0028', '双面胶', '12mm×10m', '卷', null, 10, '1.30'],
  ['BG-0029', '剪刀', '170mm 不锈钢', '把', null, 2, '7.50'],
  ['BG-0030', '美工刀', '18mm 大号', '把', null, 2, '5.90'],
  ['BG-0031', '计算器', '12位 太阳能', '个', 'A020199', 2, '36.00'],
  ['BG-0032', '印台', '方形 红色', '个', null, 2, '8.80'],
  ['BG-0033', '印油', '红色 40ml', '瓶', null, 4, '4.20'],
  ['BG-0034', '打孔器', '双孔 20页', '个', null, 1, '22.00'],
  ['BG-0035', '装订夹条', 'A4 10mm', '根', null, 20, '0.70'],
  ['BG-0036', 'U盘', '32G USB3.0', '个', 'A020201', 3, '39.00'],
  ['BG-0037', '五号电池', '碱性 4粒/卡', '卡', null, 10, '9.60'],
  ['BG-0038', '七号电池', '碱性 4粒/卡', '卡', null, 10, '9.60'],
  ['BG-0039', '抽纸', '3层 130抽', '包', null, 30, '3.90'],
  ['BG-0040', '垃圾袋', '60×80cm 50只/卷', '卷', null, 10, '6.50'],
];

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SUPPLIERS = ['江州市晨光办公用品有限公司', '江州市得力文具经营部', '江州华东办公设备有限公司'];
const REASONS = ['科室日常办公', '会议材料准备', '档案整理', '季度工作用品补充', '新进人员办公用品'];

/**
 * The demo's supplies: a catalogue of 40 items; the bureau's store and three units' stores
 * with three months of receipts (from the bureau's designated suppliers) and issued
 * requisitions at moving-average cost; two stocks of 发改局 below their minimum (A4复印纸,
 * 硒鼓); and one requisition of 发改局's staff waiting for the unit administrator.
 */
export async function seedSuppliesDemo(core: CoreServices, ctx: DemoOrgs): Promise<void> {
  const rnd = prng(1488);
  const tenantId = ctx.bureau.tenantId;
  const acc = (k: string) => ctx.accounts.get(k) ?? ctx.accounts.get('manager')!;
  const stores = [
    { id: ctx.bureau.id, keeper: acc('manager'), requester: acc('manager'), items: 40 },
    ...(['u03', 'u04', 'u05'] as const)
      .filter((k) => ctx.units.has(k))
      .map((k) => ({
        id: ctx.units.get(k)!.id,
        keeper: k === 'u04' ? acc('unit_b') : acc(k === 'u03' ? 'unit_a' : 'manager'),
        requester: k === 'u03' ? acc('staff') : k === 'u04' ? acc('unit_b') : acc(`stat_${k}`),
        items: 18,
      })),
  ];
  const low = new Set(stores.length > 1 ? [`${stores[1]!.id}:BG-0001`, `${stores[1]!.id}:BG-0009`] : []);
  const today = cnToday();
  const month0 = `${addDays(`${today.slice(0, 7)}-01`, -80).slice(0, 7)}-01`; // three months back
  const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);

  await core.db.transaction(async (tx) => {
    const items = await tx
      .insert(suppliesItems)
      .values(
        CATALOGUE.map(([code, name, spec, uom, categoryCode, minStock]) => ({
          tenantId,
          orgId: ctx.bureau.id,
          code,
          name,
          spec,
          uom,
          categoryCode,
          minStock,
        })),
      )
      .returning({ id: suppliesItems.id, code: suppliesItems.code });
    const itemId = new Map(items.map((i) => [i.code, i.id]));
    const receipts: (typeof suppliesReceipts.$inferInsert)[] = [];
    const moves: (typeof suppliesMovements.$inferInsert)[] = [];
    const stock = new Map<string, StockPosition>();
    let reqCount = 0;
    for (const st of stores) {
      const list = CATALOGUE.slice(0, st.items);
      // Receipts at the start of each month (prices drift a little), then requisitions through it.
      for (let m = 0; m < 3; m++) {
        const monthStart = addDays(month0, m * 31).slice(0, 7);
        const receiptDay = `${monthStart}-0${3 + (m % 3)}`;
        for (const [n, [code, , , , , min, price]] of list.entries()) {
          if (m > 0 && (n + m) % 3 !== 0) continue;
          const key = `${st.id}:${code}`;
          const pos = stock.get(key) ?? { quantity: 0n, valueFen: 0n };
          const qty = BigInt(Math.max(min, 4) * (m === 0 ? 3 : 2));
          const unitFen = (toFen(price) * BigInt(100 + Math.floor(rnd() * 8) - 3)) / 100n;
          const amount = qty * unitFen;
          const after = receive(pos, qty, amount);
          stock.set(key, after);
          receipts.push({
            tenantId,
            orgId: st.id,
            itemId: itemId.get(code)!,
            quantity: Number(qty),
            unitPrice: fenToYuan(unitFen),
            amount: fenToYuan(amount),
            supplierName: SUPPLIERS[n % SUPPLIERS.length]!,
            receivedOn: receiptDay,
            createdBy: st.keeper,
            createdAt: at(receiptDay, 9),
          });
          moves.push({
            tenantId,
            orgId: st.id,
            itemId: itemId.get(code)!,
            kind: 'receipt',
            quantity: Number(qty),
            amount: fenToYuan(amount),
            balanceQuantity: Number(after.quantity),
            balanceValue: fenToYuan(after.valueFen),
            refType: 'receipt',
            refId: receipts.length, // replaced by the receipt's id below
            occurredAt: at(receiptDay, 9),
            createdBy: st.keeper,
          });
        }
        // Four requisitions a month, two to four lines each, issued the day they are filed.
        for (let r = 0; r < 4; r++) {
          const day = `${monthStart}-${String(8 + r * 5).padStart(2, '0')}`;
          if (day >= today) continue;
          const lines: { code: string; qty: bigint; amount: bigint }[] = [];
          for (let k = 0; k < 2 + (r % 3); k++) {
            const [code, , , , , min] = list[Math.floor(rnd() * list.length)]!;
            if (lines.some((l) => l.code === code)) continue;
            const key = `${st.id}:${code}`;
            const pos = stock.get(key)!;
            // Issues keep every stock at or above its minimum, except the two meant to run low.
            const spare = low.has(key) ? pos.quantity : pos.quantity - BigInt(min);
            const want = BigInt(Math.max(1, Math.floor(min / 3) + (r % 3)));
            const qty = want <= spare ? want : spare;
            if (qty <= 0n) continue;
            const out = issue(pos, qty);
            stock.set(key, out.position);
            lines.push({ code, qty, amount: out.amountFen });
            moves.push({
              tenantId,
              orgId: st.id,
              itemId: itemId.get(code)!,
              kind: 'issue',
              quantity: -Number(qty),
              amount: fenToYuan(-out.amountFen),
              balanceQuantity: Number(out.position.quantity),
              balanceValue: fenToYuan(out.position.valueFen),
              refType: 'requisition',
              refId: -(reqCount + 1), // replaced by the requisition's id below
              occurredAt: at(day, 15),
              createdBy: st.keeper,
            });
          }
          if (!lines.length) continue;
          reqCount++;
          const [h] = await tx
            .insert(suppliesRequisitions)
            .values({
              tenantId,
              orgId: st.id,
              requesterId: st.requester,
              status: 'issued',
              reason: REASONS[(r + m) % REASONS.length]!,
              issuedBy: st.keeper,
              issuedAt: at(day, 15),
              createdAt: at(day, 9),
              updatedAt: at(day, 15),
            })
            .returning({ id: suppliesRequisitions.id });
          for (const mv of moves) if (mv.refType === 'requisition' && mv.refId === -reqCount) mv.refId = h!.id;
          await tx.insert(suppliesRequisitionLines).values(
            lines.map((l) => ({
              tenantId,
              orgId: st.id,
              requisitionId: h!.id,
              itemId: itemId.get(l.code)!,
              quantityRequested: Number(l.qty),
              quantityIssued: Number(l.qty),
              amountIssued: fenToYuan(l.amount),
            })),
          );
        }
      }
      // The two meant to run low: take them below the minimum.
      for (const key of low) {
        if (!key.startsWith(`${st.id}:`)) continue;
        const code = key.split(':')[1]!;
        const pos = stock.get(key)!;
        const min = BigInt(CATALOGUE.find((c) => c[0] === code)![5]);
        if (pos.quantity < min) continue;
        const qty = pos.quantity - min / 2n;
        const out = issue(pos, qty);
        stock.set(key, out.position);
        const day = addDays(today, -2);
        reqCount++;
        const [h] = await tx
          .insert(suppliesRequisitions)
          .values({
            tenantId,
            orgId: st.id,
            requesterId: st.requester,
            status: 'issued',
            reason: '全局年度材料集中印制',
            issuedBy: st.keeper,
            issuedAt: at(day, 15),
            createdAt: at(day, 9),
            updatedAt: at(day, 15),
          })
          .returning({ id: suppliesRequisitions.id });
        await tx.insert(suppliesRequisitionLines).values({
          tenantId,
          orgId: st.id,
          requisitionId: h!.id,
          itemId: itemId.get(code)!,
          quantityRequested: Number(qty),
          quantityIssued: Number(qty),
          amountIssued: fenToYuan(out.amountFen),
        });
        moves.push({
          tenantId,
          orgId: st.id,
          itemId: itemId.get(code)!,
          kind: 'issue',
          quantity: -Number(qty),
          amount: fenToYuan(-out.amountFen),
          balanceQuantity: Number(out.position.quantity),
          balanceValue: fenToYuan(out.position.valueFen),
          refType: 'requisition',
          refId: h!.id,
          occurredAt: at(day, 15),
          createdBy: st.keeper,
        });
      }
    }
    const rids = await tx.insert(suppliesReceipts).values(receipts).returning({ id: suppliesReceipts.id });
    for (const mv of moves) if (mv.refType === 'receipt') mv.refId = rids[mv.refId! - 1]!.id;
    moves.sort((a, b) => (a.occurredAt as Date).getTime() - (b.occurredAt as Date).getTime());
    for (let i = 0; i < moves.length; i += 500) await tx.insert(suppliesMovements).values(moves.slice(i, i + 500));
    await tx.insert(suppliesStock).values(
      [...stock.entries()].map(([key, pos]) => {
        const [org, code] = key.split(':') as [string, string];
        return {
          tenantId,
          orgId: Number(org),
          itemId: itemId.get(code)!,
          quantity: Number(pos.quantity),
          value: fenToYuan(pos.valueFen),
        };
      }),
    );
    await writeAudit(
      tx,
      { tenantId, actorId: null, actorName: 'system', ip: null },
      {
        action: 'create',
        entityType: 'demo_data',
        orgId: ctx.bureau.id,
        summary: `supplies: ${items.length} items, ${stock.size} stocks, ${receipts.length} receipts, ${reqCount} issued requisitions`,
      },
    );
    await tx.execute(sql`analyze supplies_movements`);
  });

  // One requisition of 发改局's staff waiting for the unit administrator, through the real path.
  const staff = ctx.accounts.get('staff');
  if (!staff || stores.length < 2) return;
  const svc = new SuppliesService(core);
  const staffCtx = await core.auth.contextFor(core.db, await core.auth.requireAccount(staff), null, 'zh-CN', 'session');
  const [pens, folders] = await queryRows<{ id: number }>(
    core.db,
    sql`select id from supplies_items where tenant_id = ${tenantId} and code in ('BG-0003', 'BG-0012') order by code`,
  );
  await svc.requisitionCreate(staffCtx, {
    reason: '新进人员办公用品',
    lines: [
      { itemId: Number(pens!.id), quantity: 10 },
      { itemId: Number(folders!.id), quantity: 5 },
    ],
  });
}
