import { sql } from 'drizzle-orm';
import { type CoreServices, queryRows, writeAudit } from '../../core';
import { officeActiveRooms } from '../office-space';
import { AllocationService } from './allocation.service';
import { PoolService } from './pool.service';
import { StocktakeService } from './stocktake.service';

type DemoOrgs = {
  bureau: { id: number; tenantId: number };
  units: Map<string, { id: number; name: string }>;
  accounts: Map<string, number>;
};

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** [name, GB/T 14885 code, spec, unit of measure, price range in yuan, share of a unit's cards] */
const KINDS: [string, string, string, string, [number, number], number][] = [
  ['办公桌', 'A050102', '1600×800×760', '张', [900, 2400], 14],
  ['办公椅', 'A050103', '人体工学 网背', '把', [350, 1200], 16],
  ['文件柜', 'A050105', '钢制 四门', '个', [800, 1800], 10],
  ['会议桌', 'A050102', '3600×1500', '张', [3000, 8000], 2],
  ['会议椅', 'A050103', '皮面 固定扶手', '把', [280, 650], 8],
  ['三人沙发', 'A050104', '皮质', '套', [2500, 6000], 2],
  ['书架', 'A050106', '钢木 五层', '个', [500, 1200], 3],
  ['台式计算机', 'A020101', 'i5/16G/512G 国产化', '台', [4200, 6800], 14],
  ['笔记本电脑', 'A020101', '14英寸 国产化', '台', [5500, 8800], 5],
  ['激光打印机', 'A020102', 'A4 黑白 双面', '台', [1600, 3200], 6],
  ['多功能复印机', 'A020102', 'A3 彩色', '台', [18000, 32000], 1],
  ['交换机', 'A020103', '24口 千兆', '台', [1800, 4200], 1],
  ['投影仪', 'A020104', '5000流明', '台', [6000, 12000], 1],
  ['碎纸机', 'A020201', '5级保密', '台', [900, 2200], 2],
  ['保险柜', 'A020202', '电子密码 高80cm', '个', [2200, 5200], 1],
  ['分体空调', 'A020401', '1.5匹 一级能效', '台', [2800, 4600], 6],
];
const FURNITURE = KINDS.filter((k) => k[1].startsWith('A05'));
const IT = KINDS.filter((k) => k[1].startsWith('A02010'));
const PLACES = ['办公室', '会议室', '档案室', '资料室', '接待室'];
const pad = (n: number, w = 6) => String(n).padStart(w, '0');

/**
 * The asset demo: a register for every demo unit (about 50 cards each, furniture, IT and
 * equipment bought 2012–2026, in the rooms of the office-space demo where the unit has them),
 * and the district pool since it opened in 2025 — two warehouses (a physical store and a
 * virtual pool), 2025: 12 batches / 780 items received (机构改革 and event leftovers) and 10
 * batches / 384 furniture items reallocated; 2026: 8 batches / 150 items received and 8
 * batches / 256 items allocated (216 furniture, 40 computers) — 600 furniture items
 * reallocated in all — 20 scrap-grade items disposed of, an event loan of the usable conference chairs left (up to 30) overdue,
 * and through the services: a hand-in waiting for acceptance, an allocation request waiting
 * for the bureau, and an open stocktake at 发改局 with some labels scanned.
 */
export async function seedAssetsDemo(core: CoreServices, ctx: DemoOrgs): Promise<void> {
  const rnd = prng(6006);
  const between = (a: number, b: number) => a + rnd() * (b - a);
  const price = (r: [number, number]) => `${Math.round(between(r[0], r[1]))}.00`;
  const tenantId = ctx.bureau.tenantId;
  const units = await queryRows<{ id: number; name: string }>(
    core.db,
    sql`select id, name from orgs where tenant_id = ${tenantId} and kind = 'unit' and path like (select path from orgs where id = ${ctx.bureau.id}) || '%'
        order by sort, id`,
  );
  if (!units.length) return;
  const rooms = (await officeActiveRooms(core.db, tenantId)).map((r) => ({ id: r.id, org_id: r.orgId, label: r.label }));
  const people = await queryRows<{ org_id: number; name: string }>(
    core.db,
    sql`select o2.id as org_id, p.name from people p join orgs o on o.id = p.org_id
        join orgs o2 on o2.kind = 'unit' and o.path like o2.path || '%' where p.tenant_id = ${tenantId} order by p.id`,
  );
  const roomsOf = new Map<number, { id: number; label: string }[]>();
  for (const r of rooms) roomsOf.set(Number(r.org_id), [...(roomsOf.get(Number(r.org_id)) ?? []), { id: Number(r.id), label: r.label }]);
  const namesOf = new Map<number, string[]>();
  for (const p of people) namesOf.set(Number(p.org_id), [...(namesOf.get(Number(p.org_id)) ?? []), p.name]);

  let seq = 0;
  // The pool opened in 2025; this year's figures are 2026's (pinned, so no event is ever in the future).
  const year = '2026';
  type Row = {
    org: number;
    code: string;
    kind: (typeof KINDS)[number];
    value: string;
    bought: string;
    status: string;
    custodian: string | null;
    roomId: number | null;
    location: string | null;
    warehouse?: number | null;
    slot?: string | null;
    condition?: string | null;
    disposedAt?: string | null;
  };
  const rows: Row[] = [];
  const pickKind = (from = KINDS) => {
    const tot = from.reduce((a, k) => a + k[5], 0);
    let x = rnd() * tot;
    for (const k of from) {
      x -= k[5];
      if (x < 0) return k;
    }
    return from[0]!;
  };
  const dateIn = (y1: number, y2: number) => {
    const y = Math.floor(between(y1, y2 + 1));
    return `${y}-${pad(1 + Math.floor(rnd() * 12), 2)}-${pad(1 + Math.floor(rnd() * 28), 2)}`;
  };
  const card = (org: number, kind: Row['kind'], bought: string, over: Partial<Row> = {}): Row => {
    seq++;
    const rs = roomsOf.get(org);
    const room = rs?.length && rnd() < 0.7 ? rs[Math.floor(rnd() * rs.length)]! : null;
    const names = namesOf.get(org);
    return {
      org,
      code: `${kind[1]}-${bought.slice(0, 4)}-${pad(seq)}`,
      kind,
      value: price(kind[4]),
      bought,
      status: 'in_use',
      custodian: names?.length && rnd() < 0.8 ? names[Math.floor(rnd() * names.length)]! : null,
      roomId: room?.id ?? null,
      location: room?.label ?? PLACES[Math.floor(rnd() * PLACES.length)]!,
      ...over,
    };
  };
  // Registers: ~50 cards a unit, a few idle.
  for (const u of units) {
    const n = 40 + Math.floor(rnd() * 20);
    for (let i = 0; i < n; i++) rows.push(card(u.id, pickKind(), dateIn(2012, 2025), { status: rnd() < 0.04 ? 'idle' : 'in_use' }));
  }

  await core.db.transaction(async (tx) => {
    const [w1] = await queryRows<{ id: number }>(
      tx,
      sql`insert into asset_warehouses (tenant_id, org_id, name, kind, address)
          values (${tenantId}, ${ctx.bureau.id}, '区公物仓一号库', 'physical', '行政中心负一层 B1-08') returning id`,
    );
    const [w2] = await queryRows<{ id: number }>(
      tx,
      sql`insert into asset_warehouses (tenant_id, org_id, name, kind, address)
          values (${tenantId}, ${ctx.bureau.id}, '区公物仓（虚拟仓）', 'virtual', '资产留在原处，统一登记调剂') returning id`,
    );
    const wh = [Number(w1!.id), Number(w2!.id)];
    const whName = ['区公物仓一号库', '区公物仓（虚拟仓）'];

    // The pool's history: batches handed in, then allocated, disposed or lent.
    type Batch = { org: number; reason: string; on: string; items: Row[] };
    const batches: Batch[] = [];
    const hand = (y: number, count: number, sizes: number[], reasons: string[], kinds: Row['kind'][][]) => {
      for (let b = 0; b < count; b++) {
        const org = units[Math.floor(rnd() * units.length)]!.id;
        const on = `${y}-${pad(1 + Math.floor((b * 11) / count), 2)}-${pad(3 + Math.floor(rnd() * 20), 2)}`;
        const items: Row[] = [];
        for (let i = 0; i < sizes[b]!; i++) {
          const kind = pickKind(kinds[b % kinds.length]);
          const c = card(org, kind, dateIn(2013, y - 1), {
            status: 'in_pool',
            custodian: null,
            roomId: null,
            warehouse: wh[b % 3 === 2 ? 1 : 0]!,
            condition: rnd() < 0.7 ? 'A' : rnd() < 0.8 ? 'B' : rnd() < 0.5 ? 'C' : 'D',
          });
          c.location = whName[wh.indexOf(c.warehouse!)]!;
          c.slot = c.warehouse === wh[0] ? `${String.fromCharCode(65 + (b % 6))}-${pad(1 + (i % 40), 2)}` : null;
          items.push(c);
        }
        batches.push({ org, reason: reasons[b % reasons.length]!, on, items });
      }
    };
    // 2025: 12 batches / 780 items (the restructuring brought most of it); 2026: 8 / 150.
    hand(
      2025,
      12,
      [150, 120, 90, 80, 70, 60, 50, 50, 40, 30, 25, 15],
      ['abolished_body', 'abolished_body', 'event', 'over_standard', 'idle'],
      [FURNITURE, FURNITURE, KINDS],
    );
    hand(Number(year), 8, [30, 25, 22, 20, 18, 15, 12, 8], ['idle', 'over_standard', 'event', 'abolished_body'], [FURNITURE, IT, KINDS]);
    const all = batches.flatMap((b) => b.items);
    const usable = (r: Row) => r.condition === 'A' || r.condition === 'B';
    // Allocations: 2025 ten batches / 384 furniture; this year eight / 256 (216 furniture, 40 computers).
    type Alloc = { to: number; on: string; items: Row[]; reason: string };
    const allocs: Alloc[] = [];
    const taken = new Set<Row>();
    const takeFrom = (pool: Row[], n: number, before: string) => {
      const out: Row[] = [];
      for (const r of pool) {
        if (out.length === n) break;
        if (!taken.has(r) && usable(r) && batches.find((b) => b.items.includes(r))!.on < before) {
          taken.add(r);
          out.push(r);
        }
      }
      if (out.length < n) throw new Error(`assets demo: pool short (${out.length}/${n})`);
      return out;
    };
    const furn = all.filter((r) => r.kind[1].startsWith('A05'));
    const comp = all.filter((r) => r.kind[1] === 'A020101');
    const REASONS = ['新设机构办公家具配置', '办公用房调整后补充配置', '新进人员办公设备', '会议室改造配套', '驻村工作队配置'];
    [48, 44, 42, 40, 40, 38, 36, 36, 32, 28].forEach((n, i) => {
      const on = `2025-${pad(3 + Math.floor(i * 0.9), 2)}-${pad(5 + i, 2)}`;
      allocs.push({ to: units[(i * 7 + 3) % units.length]!.id, on, items: takeFrom(furn, n, on), reason: REASONS[i % REASONS.length]! });
    });
    [
      [40, 0],
      [36, 8],
      [30, 10],
      [28, 0],
      [26, 12],
      [24, 10],
      [20, 0],
      [12, 0],
    ].forEach(([f, c], i) => {
      const on = `${year}-${pad(2 + i, 2)}-${pad(10 + i, 2)}`;
      allocs.push({
        to: units[(i * 5 + 1) % units.length]!.id,
        on,
        items: [...takeFrom(furn, f!, on), ...(c ? takeFrom(comp, c, on) : [])],
        reason: REASONS[(i + 2) % REASONS.length]!,
      });
    });
    for (const a of allocs)
      for (const r of a.items) {
        r.org = a.to;
        r.status = 'in_use';
        r.warehouse = null;
        r.slot = null;
        r.location = null;
      }
    // 20 scrap-grade items disposed of this year; 30 chairs out on an event loan, overdue.
    const scrap = all.filter((r) => r.condition === 'D' && r.status === 'in_pool').slice(0, 20);
    for (const r of scrap) {
      r.status = 'disposed';
      r.disposedAt = `${year}-06-18`;
    }
    const lent = all.filter((r) => r.status === 'in_pool' && r.kind[0] === '会议椅' && usable(r)).slice(0, 30);
    for (const r of lent) r.status = 'on_loan';
    const bureauOf = (r: Row) =>
      ['in_pool', 'on_loan', 'disposed'].includes(r.status) && r.warehouse !== undefined ? ctx.bureau.id : r.org;

    // Cards, in chunks (one multi-row insert each).
    const ids = new Map<Row, number>();
    const list = [...rows, ...all];
    for (let i = 0; i < list.length; i += 500) {
      const chunk = list.slice(i, i + 500);
      const got = await queryRows<{ id: number; code: string }>(
        tx,
        sql`insert into assets (tenant_id, org_id, code, name, category_code, spec, unit, original_value, purchase_date, funding_source,
              custodian, room_id, location, status, condition, warehouse_id, slot, disposed_at, created_at)
            values ${sql.join(
              chunk.map(
                (r) => sql`(${tenantId}, ${bureauOf(r)}, ${r.code}, ${r.kind[0]}, ${r.kind[1]}, ${r.kind[2]}, ${r.kind[3]}, ${r.value},
                  ${r.bought}, ${rnd() < 0.9 ? 'budget' : 'own_funds'}, ${r.custodian}, ${r.roomId}, ${r.location}, ${r.status},
                  ${r.condition ?? null}, ${r.status === 'in_use' ? null : (r.warehouse ?? null)}, ${r.slot ?? null},
                  ${r.disposedAt ?? null}, ${`${r.bought}T09:00:00+08:00`})`,
              ),
              sql`, `,
            )} returning id, code`,
      );
      const byCode = new Map(got.map((g) => [g.code, Number(g.id)]));
      for (const r of chunk) ids.set(r, byCode.get(r.code)!);
    }
    const events: ReturnType<typeof sql>[] = [];
    const ev = (
      r: Row,
      org: number,
      kind: string,
      summary: string,
      at: string,
      refType: string | null = null,
      refId: number | null = null,
    ) =>
      events.push(
        sql`(${tenantId}, ${org}, ${ids.get(r)!}, ${kind}, ${summary}, '{}'::jsonb, ${refType}, ${refId}, ${`${at}T10:00:00+08:00`})`,
      );
    for (const r of list) ev(r, batches.find((b) => b.items.includes(r))?.org ?? r.org, 'create', '登记入账', r.bought);

    const REASON_ZH: Record<string, string> = {
      idle: '闲置',
      over_standard: '超标准配置',
      abolished_body: '机构撤并',
      event: '大型活动结余',
    };
    let hid = 0;
    for (const b of batches) {
      hid++;
      const total = b.items.reduce((a, r) => a + Number(r.value), 0).toFixed(2);
      const code = `SJ-${b.on.slice(0, 4)}-${pad(hid)}`;
      const [h] = await queryRows<{ id: number }>(
        tx,
        sql`insert into asset_hand_ins (tenant_id, org_id, code, reason, status, warehouse_id, item_count, total_value, accepted_at, created_at)
            values (${tenantId}, ${b.org}, ${code}, ${b.reason}, 'accepted', ${b.items[0]!.warehouse ?? wh[0]!}, ${b.items.length}, ${total},
              ${`${b.on}T15:00:00+08:00`}, ${`${b.on}T09:30:00+08:00`}) returning id`,
      );
      await tx.execute(
        sql`insert into asset_hand_in_items (hand_in_id, asset_id, open, condition, value) values ${sql.join(
          b.items.map((r) => sql`(${Number(h!.id)}, ${ids.get(r)!}, false, ${r.condition ?? 'A'}, ${r.value})`),
          sql`, `,
        )}`,
      );
      for (const r of b.items)
        ev(r, b.org, 'hand_in', `上缴入仓（${code}，${REASON_ZH[b.reason]}，验收等级 ${r.condition}）`, b.on, 'hand_in', Number(h!.id));
    }
    let aid = 0;
    for (const a of allocs) {
      aid++;
      const total = a.items.reduce((s, r) => s + Number(r.value), 0).toFixed(2);
      const code = `TJ-${a.on.slice(0, 4)}-${pad(aid)}`;
      const [x] = await queryRows<{ id: number }>(
        tx,
        sql`insert into asset_allocations (tenant_id, org_id, code, reason, status, item_count, total_value, delivered_at, received_at, created_at)
            values (${tenantId}, ${a.to}, ${code}, ${a.reason}, 'received', ${a.items.length}, ${total}, ${`${a.on}T14:00:00+08:00`},
              ${`${a.on}T16:00:00+08:00`}, ${`${a.on}T09:00:00+08:00`}) returning id`,
      );
      await tx.execute(
        sql`insert into asset_allocation_items (allocation_id, asset_id, active, value) values ${sql.join(
          a.items.map((r) => sql`(${Number(x!.id)}, ${ids.get(r)!}, false, ${r.value})`),
          sql`, `,
        )}`,
      );
      for (const r of a.items) ev(r, a.to, 'allocate', `公物仓调剂入账（${code}）`, a.on, 'allocation', Number(x!.id));
    }
    const [d] = await queryRows<{ id: number }>(
      tx,
      sql`insert into asset_disposals (tenant_id, org_id, code, method, reason, status, item_count, total_value, tier, applied_at, created_at)
          values (${tenantId}, ${ctx.bureau.id}, ${`CZ-${year}-000001`}, 'scrap', '验收等级 D，已无修复价值', 'approved', ${scrap.length},
            ${scrap.reduce((a, r) => a + Number(r.value), 0).toFixed(2)}, 0, ${`${year}-06-18T15:00:00+08:00`}, ${`${year}-06-02T09:00:00+08:00`})
          returning id`,
    );
    if (scrap.length) {
      await tx.execute(
        sql`insert into asset_disposal_items (disposal_id, asset_id, active, prior_status, value) values ${sql.join(
          scrap.map((r) => sql`(${Number(d!.id)}, ${ids.get(r)!}, false, 'in_pool', ${r.value})`),
          sql`, `,
        )}`,
      );
      for (const r of scrap) ev(r, ctx.bureau.id, 'dispose', `报废处置（CZ-${year}-000001）`, `${year}-06-18`, 'disposal', Number(d!.id));
    }
    const lentOn = `${year}-10-20`;
    const [l] = await queryRows<{ id: number }>(
      tx,
      sql`insert into asset_loans (tenant_id, org_id, borrower_name, contact, purpose, lent_on, due_on, status, created_at)
          values (${tenantId}, ${ctx.bureau.id}, '区半程马拉松组委会', '赛事保障组 王主任', '赛事保障用会议椅', ${lentOn}, ${`${year}-11-15`}, 'out',
            ${`${lentOn}T09:00:00+08:00`}) returning id`,
    );
    if (lent.length) {
      await tx.execute(
        sql`insert into asset_loan_items (loan_id, asset_id) values ${sql.join(
          lent.map((r) => sql`(${Number(l!.id)}, ${ids.get(r)!})`),
          sql`, `,
        )}`,
      );
      for (const r of lent) ev(r, ctx.bureau.id, 'loan', `出借给 区半程马拉松组委会，${year}-11-15 前归还`, lentOn, 'loan', Number(l!.id));
    }
    for (let i = 0; i < events.length; i += 1000)
      await tx.execute(
        sql`insert into asset_events (tenant_id, org_id, asset_id, kind, summary, data, ref_type, ref_id, occurred_at)
            values ${sql.join(events.slice(i, i + 1000), sql`, `)}`,
      );
    // The requests below are numbered after the history.
    for (const t of ['asset_hand_ins', 'asset_allocations', 'asset_disposals'])
      await tx.execute(sql`select setval(pg_get_serial_sequence(${t}, 'id'), (select max(id) from ${sql.identifier(t)}))`);
    await writeAudit(
      tx,
      { tenantId, actorId: null, actorName: 'system', ip: null },
      {
        action: 'create',
        entityType: 'demo_data',
        orgId: ctx.bureau.id,
        summary: `assets: ${list.length} cards, ${batches.length} hand-ins, ${allocs.length} allocations`,
      },
    );
  });

  // Work in progress, through the services as the demo accounts would do it.
  const ctxOf = async (username: string) =>
    core.auth.contextFor(core.db, await core.auth.requireAccount(ctx.accounts.get(username)!), null, 'zh-CN', 'session');
  const pool = new PoolService(core);
  const unitA = await ctxOf('unit_a');
  const unitB = await ctxOf('unit_b');
  const idle = await queryRows<{ id: number }>(
    core.db,
    sql`select id from assets where org_id = ${ctx.units.get('u03')!.id} and category_code like 'A05%' and status = 'in_use'
        order by purchase_date limit 5`,
  );
  if (idle.length)
    await pool.handIn(unitA, { assetIds: idle.map((r) => Number(r.id)), reason: 'over_standard', note: '办公用房整改腾退的超标准家具' });
  const want = await queryRows<{ id: number }>(
    core.db,
    sql`select id from assets where tenant_id = ${tenantId} and status = 'in_pool' and category_code = 'A050102' and condition = 'A'
        order by id limit 6`,
  );
  if (want.length)
    await new AllocationService(core).allocate(unitB, {
      assetIds: want.map((r) => Number(r.id)),
      toOrgId: ctx.units.get('u04')!.id,
      reason: '新建学区办公室配置办公桌',
    });
  const st = new StocktakeService(core);
  const [loc] = await queryRows<{ location: string }>(
    core.db,
    sql`select location from assets where org_id = ${ctx.units.get('u03')!.id} and status = 'in_use' and location is not null
        group by location order by count(*) desc limit 1`,
  );
  if (loc) {
    const t = await st.create(unitA, {
      orgId: ctx.units.get('u03')!.id,
      name: `${year} 年度资产清查（${loc.location}）`,
      location: loc.location,
    });
    const codes = await queryRows<{ code: string }>(
      core.db,
      sql`select code from assets where org_id = ${ctx.units.get('u03')!.id} and location = ${loc.location} and status = 'in_use' order by code`,
    );
    for (const c of codes.slice(0, Math.max(1, codes.length - 2))) await st.scan(unitA, t.id, { code: c.code });
  }
}
