import { sql } from 'drizzle-orm';
import type { TFloorPlan } from '../../../contracts/modules/office-space';
import { type CoreServices, queryRows, writeAudit, addDays, cnToday } from '../../core';
import {
  officeBuildings,
  officeFindings,
  officeFloors,
  officeInspectionUnits,
  officeInspections,
  officeLeases,
  officeOccupancies,
  officeRoomHistory,
  officeRooms,
  officeSites,
} from './office.schema';
import { AllocationService } from './allocation.service';
import { RectificationService } from './rectification.service';
import { RepairService } from './repair.service';

type DemoOrgs = { bureau: { id: number; tenantId: number }; units: Map<string, { id: number }>; accounts: Map<string, number> };
type P = { id: number; org_id: number; post_level: string; status: string; status_since: string | null; name: string };
type RoomSpec = {
  key: string;
  orgId: number;
  number: string;
  useClass: 'office' | 'service' | 'equipment' | 'auxiliary';
  useType: string;
  area: number;
  status: string;
  single?: boolean;
  suiteOf?: string;
  occupants: P[];
  note?: string;
};

/** Deterministic pseudo-random numbers, so the demo is the same on every machine. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const r2 = (n: number) => Math.round(n * 100) / 100;

const SITES = [
  {
    name: '机关大院',
    address: '江州市清江区人民路 1 号',
    buildings: [
      ['1号楼（综合楼）', 8, 1, 1998],
      ['2号楼', 6, 0, 2004],
      ['3号楼', 6, 0, 2011],
    ],
  },
  { name: '南长大楼', address: '江州市清江区南长街 88 号', buildings: [['南长大楼', 9, 1, 2008]] },
  { name: '行政审批中心', address: '江州市清江区府前大道 20 号', buildings: [['审批中心主楼', 5, 0, 2016]] },
  { name: '公安业务技术用房', address: '江州市清江区平安路 6 号', buildings: [['业务楼', 7, 1, 2013]] },
] as const;

/**
 * The demo district's office space: four sites, six buildings, every unit's offices, service
 * and equipment rooms, occupancy for every active person, drawn plans for the main building,
 * and the cases that make the dashboard tell a story: a handful of over-standard people
 * (an oversized head's office in 区发改局, a suite whose toilet is too big, two 科员 in a
 * room for three, a head with a second office), a rented-out and a lent-out room, idle rooms, a
 * transferred cadre whose room was not recovered, an inspection with an open finding, and a
 * rectification waiting for 区教育局's administrator.
 */
export async function seedOfficeSpaceDemo(core: CoreServices, ctx: DemoOrgs): Promise<void> {
  const rnd = prng(494231);
  const tenantId = ctx.bureau.tenantId;
  const people = await queryRows<P>(
    core.db,
    sql`select id, org_id, post_level, status, status_since::text, name from people where tenant_id = ${tenantId} order by org_id, post_level, id`,
  );
  const byOrg = new Map<number, P[]>();
  for (const p of people) byOrg.set(p.org_id, [...(byOrg.get(p.org_id) ?? []), p]);
  const unitOrder = [
    ['bureau', ctx.bureau.id] as const,
    ...[...ctx.units.entries()].filter(([k]) => k !== 'bureau').map(([k, v]) => [k, v.id] as const),
  ];
  const u = (key: string) => (key === 'bureau' ? ctx.bureau.id : ctx.units.get(key)!.id);

  // ---- rooms per unit ----
  const specs = new Map<number, RoomSpec[]>();
  // The cadre who left longest ago still holds a room: the overdue-recovery case.
  const overduePerson = people
    .filter((p) => p.status !== 'active')
    .sort((a, b) => String(a.status_since).localeCompare(String(b.status_since)))[0];
  for (const [key, orgId] of unitOrder) {
    const list: RoomSpec[] = [];
    const add = (s: Omit<RoomSpec, 'key' | 'orgId' | 'number' | 'status'> & { status?: string }) => {
      const spec = { ...s, key: `${key}-${list.length}`, orgId, number: '', status: s.status ?? (s.occupants.length ? 'in_use' : 'idle') };
      list.push(spec);
      return spec;
    };
    const staff = byOrg.get(orgId) ?? [];
    // A transferred or retired person keeps a room only in the one overdue case below.
    const present = staff.filter((p) => p.status === 'active' || p === overduePerson);
    const leaders = present.filter((p) => ['131', '132', '141', '142'].includes(p.post_level));
    const others = present.filter((p) => !['131', '132', '141', '142'].includes(p.post_level));
    let extra141 = true;
    for (const p of leaders) {
      if (p.post_level === '131' || p.post_level === '132') {
        const office = add({
          useClass: 'office',
          useType: 'office',
          area: p.post_level === '131' ? 22 : 17.5,
          single: true,
          occupants: [p],
        });
        add({ useClass: 'office', useType: 'rest', area: 5.5, suiteOf: office.key, occupants: [], status: 'in_use' });
        // One deputy's suite has an 8 ㎡ toilet: 2 ㎡ above the allowance count.
        const bigToilet = key === 'u02' && p.post_level === '132' && !list.some((s) => s.note === 'big-toilet');
        add({
          useClass: 'office',
          useType: 'toilet',
          area: bigToilet ? 8 : 4,
          suiteOf: office.key,
          occupants: [],
          status: 'in_use',
          note: bigToilet ? 'big-toilet' : undefined,
        });
        if (bigToilet) office.area = 20;
      } else if (p.post_level === '141') {
        // 区发改局's head sits in an unpartitioned 26.5 ㎡ room (8.5 ㎡ over): the partition demo.
        add({ useClass: 'office', useType: 'office', area: key === 'u03' ? 26.5 : r2(15.5 + rnd() * 2.5), single: true, occupants: [p] });
        if (key === 'u12' && extra141) {
          // 多处占用: a second office kept after a reorganisation.
          add({ useClass: 'office', useType: 'office', area: 10.2, occupants: [p], note: '原分管科室办公室，未腾退' });
          extra141 = false;
        }
      } else {
        const over = key === 'u04' && !list.some((s) => s.note === 'deputy-over');
        add({
          useClass: 'office',
          useType: 'office',
          area: over ? 16.8 : r2(10.5 + rnd() * 1.5),
          single: true,
          occupants: [p],
          note: over ? 'deputy-over' : undefined,
        });
      }
    }
    // Staff share rooms of two to four; in one unit two 科员 share a 24 ㎡ room meant for three.
    let i = 0;
    let squeezed = false;
    while (i < others.length) {
      const n = Math.min(others.length - i, 2 + Math.floor(rnd() * 3));
      const group = others.slice(i, i + n);
      i += n;
      let area = r2(group.length * 9 * (0.82 + rnd() * 0.17));
      if (key === 'u09' && !squeezed && group.length === 2 && group.every((p) => p.post_level === '150')) {
        area = 24;
        squeezed = true;
      }
      add({ useClass: 'office', useType: 'office', area, occupants: group });
    }
    const head = Math.max(present.length, 1);
    add({ useClass: 'service', useType: 'meeting', area: r2(Math.min(80, 24 + head * 0.6)), occupants: [], status: 'in_use' });
    add({ useClass: 'service', useType: 'archive', area: r2(14 + head * 0.15), occupants: [], status: 'in_use' });
    add({ useClass: 'service', useType: 'printing', area: r2(10 + rnd() * 4), occupants: [], status: 'in_use' });
    if (head > 30) add({ useClass: 'service', useType: 'reception', area: r2(18 + rnd() * 6), occupants: [], status: 'in_use' });
    if (head > 40) add({ useClass: 'equipment', useType: 'server', area: r2(12 + rnd() * 8), occupants: [], status: 'in_use' });
    add({ useClass: 'service', useType: 'storage', area: r2(8 + rnd() * 4), occupants: [], status: 'in_use' });
    if (key === 'u04') add({ useClass: 'office', useType: 'office', area: 12, occupants: [], note: '空置办公室' });
    if (key === 'u10' || key === 'u18' || key === 'u26')
      add({ useClass: 'office', useType: 'office', area: r2(14 + rnd() * 6), occupants: [] });
    if (key === 'u15')
      add({
        useClass: 'service',
        useType: 'storage',
        area: 36.4,
        occupants: [],
        status: 'rented_out',
        note: '出租给某商贸公司作仓库（违规，待收回）',
      });
    if (key === 'u20')
      add({
        useClass: 'service',
        useType: 'activity',
        area: 48,
        occupants: [],
        status: 'lent_out',
        note: '出借给街道社区使用（未经批准）',
      });
    specs.set(orgId, list);
  }
  const bureauAux: RoomSpec[] = [
    {
      key: 'aux-canteen',
      orgId: ctx.bureau.id,
      number: '',
      useClass: 'auxiliary',
      useType: 'canteen',
      area: 620,
      status: 'in_use',
      occupants: [],
    },
    {
      key: 'aux-garage',
      orgId: ctx.bureau.id,
      number: '',
      useClass: 'auxiliary',
      useType: 'garage',
      area: 1450,
      status: 'in_use',
      occupants: [],
    },
    { key: 'aux-duty', orgId: ctx.bureau.id, number: '', useClass: 'service', useType: 'duty', area: 16, status: 'in_use', occupants: [] },
    {
      key: 'aux-clinic',
      orgId: ctx.bureau.id,
      number: '',
      useClass: 'auxiliary',
      useType: 'clinic',
      area: 48,
      status: 'in_use',
      occupants: [],
    },
  ];

  // ---- where each unit sits ----
  const placement: Record<number, string[]> = {
    0: ['bureau', 'u01', 'u02', 'u03', 'u04', 'u08', 'u09'],
    1: ['u06', 'u07', 'u10', 'u11', 'u12', 'u13', 'u14'],
    2: ['u15', 'u16', 'u17', 'u18', 'u19', 'u20', 'u21'],
    3: ['u22', 'u23', 'u24', 'u25', 'u26', 'u27', 'u28', 'u29', 'u30'],
    4: ['u31', 'u32', 'u33', 'u34', 'u35', 'u36'],
    5: ['u05'],
  };

  await core.db.transaction(async (tx) => {
    const buildingRows: { id: number; siteId: number; floorsAbove: number; floorsBelow: number }[] = [];
    for (const s of SITES) {
      const managedBy = s.name === '公安业务技术用房' ? u('u05') : ctx.bureau.id;
      const [site] = await tx.insert(officeSites).values({ tenantId, orgId: managedBy, name: s.name, address: s.address }).returning();
      for (const [name, above, below, year] of s.buildings) {
        const [b] = await tx
          .insert(officeBuildings)
          .values({
            tenantId,
            siteId: site!.id,
            orgId: managedBy,
            name,
            grossArea: 1,
            yearBuilt: year,
            ownership: s.name === '南长大楼' ? 'leased_in' : 'owned',
            address: s.address,
            floorsAbove: above,
            floorsBelow: below,
            highRise: above > 8,
          })
          .returning();
        buildingRows.push({ id: b!.id, siteId: site!.id, floorsAbove: above, floorsBelow: below });
      }
    }
    const floorOf = new Map<string, number>();
    for (const b of buildingRows) {
      const floors = [];
      for (let l = -b.floorsBelow; l <= b.floorsAbove; l++)
        if (l !== 0) floors.push({ tenantId, buildingId: b.id, level: l, name: l > 0 ? `${l}F` : `B${-l}` });
      for (const f of await tx.insert(officeFloors).values(floors).returning()) floorOf.set(`${b.id}/${f.level}`, f.id);
    }
    // Fill floors in order, about 30 rooms per floor; a unit keeps its rooms together.
    type Placed = RoomSpec & { floorId: number; buildingId: number; siteId: number; level: number };
    const placed: Placed[] = [];
    for (const [bi, keys] of Object.entries(placement)) {
      const b = buildingRows[Number(bi)]!;
      let level = 1;
      let onFloor = 0;
      const put = (s: RoomSpec) => {
        if (onFloor >= 30 && level < b.floorsAbove) {
          level++;
          onFloor = 0;
        }
        onFloor++;
        placed.push({
          ...s,
          number: `${level}${String(onFloor).padStart(2, '0')}`,
          floorId: floorOf.get(`${b.id}/${level}`)!,
          buildingId: b.id,
          siteId: b.siteId,
          level,
        });
      };
      for (const k of keys) for (const s of specs.get(u(k)) ?? []) put(s);
      if (Number(bi) === 0) {
        for (const s of bureauAux) {
          const basement = s.useType === 'garage' || s.useType === 'canteen';
          placed.push({
            ...s,
            number: basement ? `B1-${s.useType === 'garage' ? '01' : '02'}` : `${level}${String(++onFloor).padStart(2, '0')}`,
            floorId: floorOf.get(`${b.id}/${basement ? -1 : level}`)!,
            buildingId: b.id,
            siteId: b.siteId,
            level: basement ? -1 : level,
          });
        }
      }
    }
    // Insert rooms (suite members after their office), then history and occupancy.
    const idOf = new Map<string, number>();
    const insertRooms = async (batch: Placed[]) => {
      for (let i = 0; i < batch.length; i += 400) {
        const chunk = batch.slice(i, i + 400);
        const rows = await tx
          .insert(officeRooms)
          .values(
            chunk.map((s) => ({
              tenantId,
              floorId: s.floorId,
              buildingId: s.buildingId,
              siteId: s.siteId,
              orgId: s.orgId,
              number: s.number,
              useClass: s.useClass,
              useType: s.useType,
              area: s.area,
              status: s.status,
              singleOccupant: !!s.single,
              suiteOfId: s.suiteOf ? idOf.get(s.suiteOf)! : null,
              note: s.note && !['big-toilet', 'deputy-over'].includes(s.note) ? s.note : null,
            })),
          )
          .returning({ id: officeRooms.id });
        for (const [j, r] of rows.entries()) idOf.set(chunk[j]!.key, r.id);
      }
    };
    await insertRooms(placed.filter((s) => !s.suiteOf));
    await insertRooms(placed.filter((s) => s.suiteOf));
    const hist = placed.map((s) => ({
      roomId: idOf.get(s.key)!,
      area: s.area,
      useClass: s.useClass,
      useType: s.useType,
      status: s.status,
      effectiveFrom: '2019-06-30',
      reason: '2019 年办公用房清查登记',
    }));
    for (let i = 0; i < hist.length; i += 500) await tx.insert(officeRoomHistory).values(hist.slice(i, i + 500));
    const occ = placed.flatMap((s) =>
      s.occupants.map((p) => ({
        tenantId,
        roomId: idOf.get(s.key)!,
        personId: p.id,
        orgId: p.org_id,
        kind: 'primary',
        startDate: p.status === 'active' ? `20${String(15 + (p.id % 10)).padStart(2, '0')}-0${1 + (p.id % 9)}-01` : '2018-03-01',
        note: p.status === 'active' ? null : '人员已调离，房间尚未收回',
      })),
    );
    for (let i = 0; i < occ.length; i += 500) await tx.insert(officeOccupancies).values(occ.slice(i, i + 500));

    // Gross floor area from the rooms by the usable-area coefficient (K = 65 %).
    await tx.execute(sql`update office_buildings b set gross_area = coalesce((select round(sum(r.area) / 0.65, 2) from office_rooms r where r.building_id = b.id), 1000)
                        where b.tenant_id = ${tenantId}`);

    // Drawn plans for every floor of the main building (rooms along both sides of a corridor).
    const main = buildingRows[0]!;
    for (let level = -main.floorsBelow; level <= main.floorsAbove; level++) {
      const floorId = floorOf.get(`${main.id}/${level}`);
      const rooms = placed.filter((s) => s.floorId === floorId);
      if (!floorId || !rooms.length) continue;
      await tx
        .update(officeFloors)
        .set({ plan: drawPlan(rooms.map((s) => ({ id: idOf.get(s.key)!, number: s.number, area: s.area }))), planUpdatedAt: new Date() })
        .where(sql`${officeFloors.id} = ${floorId}`);
    }

    // An inspection with one open and one closed finding.
    const inspected = ['u03', 'u09', 'u15', 'u20'].map(u);
    const [insp] = await tx
      .insert(officeInspections)
      .values({
        tenantId,
        orgId: ctx.bureau.id,
        title: '2026 年党政机关办公用房专项督查',
        kind: 'inspection',
        checklist: ['办公室面积是否超标', '是否存在多处占用', '是否出租出借', '闲置用房是否上报', '调离退休人员用房是否按期腾退'],
        deadline: '2026-12-31',
        createdBy: ctx.accounts.get('manager')!,
      })
      .returning();
    await tx.insert(officeInspectionUnits).values(inspected.map((orgId) => ({ inspectionId: insp!.id, orgId })));
    const rented = placed.find((s) => s.status === 'rented_out')!;
    const lent = placed.find((s) => s.status === 'lent_out')!;
    await tx.insert(officeFindings).values([
      {
        tenantId,
        inspectionId: insp!.id,
        orgId: rented.orgId,
        roomId: idOf.get(rented.key)!,
        checkItem: '是否出租出借',
        description: `${rented.number} 室出租给商贸公司作仓库，未经批准，应于期限内收回并上缴租金。`,
        rectifyBy: '2026-11-15',
        createdBy: ctx.accounts.get('manager')!,
      },
      {
        tenantId,
        inspectionId: insp!.id,
        orgId: lent.orgId,
        roomId: idOf.get(lent.key)!,
        checkItem: '是否出租出借',
        description: `${lent.number} 活动室出借给社区使用，未履行审批手续。`,
        rectifyBy: '2026-12-20',
        createdBy: ctx.accounts.get('manager')!,
      },
      {
        tenantId,
        inspectionId: insp!.id,
        orgId: u('u09'),
        checkItem: '闲置用房是否上报',
        description: '档案室堆放杂物，已清理并登记。',
        rectifyBy: '2026-10-31',
        status: 'closed',
        evidence: '已清理完毕，附整改前后照片。',
        closedAt: new Date('2026-10-28T09:00:00Z'),
        closedBy: ctx.accounts.get('unit_a') ?? null,
        createdBy: ctx.accounts.get('manager')!,
      },
    ]);
    // 南长大楼 is rented: one lease ends within the reminder period, one runs for years.
    const soon = addDays(cnToday(), 45);
    await tx.insert(officeLeases).values([
      {
        tenantId,
        orgId: u('u22'),
        landlord: '江州南长置业有限公司',
        address: '南长大楼 3–4 层',
        area: 1260.4,
        contractNo: 'NC-ZL-2021-007',
        startDate: '2021-12-01',
        endDate: soon,
        rentPerYear: '756000.00',
      },
      {
        tenantId,
        orgId: u('u25'),
        landlord: '江州南长置业有限公司',
        address: '南长大楼 7 层',
        area: 640,
        contractNo: 'NC-ZL-2024-002',
        startDate: '2024-03-01',
        endDate: '2029-02-28',
        rentPerYear: '384000.00',
      },
    ]);
    await writeAudit(
      tx,
      { tenantId, actorId: null, actorName: 'system', ip: null },
      {
        action: 'create',
        entityType: 'demo_data',
        orgId: ctx.bureau.id,
        summary: `office space: ${placed.length} rooms, ${occ.length} occupancies`,
      },
    );
  });

  // A rectification waiting for 区教育局's administrator: the deputy over the standard moves to the empty 12 ㎡ office.
  const managerCtx = await core.auth.contextFor(
    core.db,
    await core.auth.requireAccount(ctx.accounts.get('manager')!),
    null,
    'zh-CN',
    'session',
  );
  const [deputy] = await queryRows<{ person_id: number; room_id: number }>(
    core.db,
    sql`select oc.person_id, oc.room_id from office_occupancies oc join office_rooms r on r.id = oc.room_id
        where r.org_id = ${u('u04')} and r.area = 16.8 and oc.end_date is null limit 1`,
  );
  const [empty] = await queryRows<{ id: number }>(
    core.db,
    sql`select id from office_rooms where org_id = ${u('u04')} and area = 12 and status = 'idle' limit 1`,
  );
  if (deputy && empty)
    await new RectificationService(core).create(managerCtx, {
      personId: Number(deputy.person_id),
      reason: '2026 年专项督查发现副局长办公室超标 4.8 ㎡，调整至空置的 12 ㎡ 办公室。',
      effectiveDate: '2026-12-01',
      payload: { measure: 'swap', fromRoomId: Number(deputy.room_id), toRoomId: Number(empty.id) },
    });
  await seedWorkflows(core, ctx, managerCtx, u);
}

/**
 * Allocation and repair records in each state, so the lists, the inbox and the before/after
 * filing have something to show: 区发改局 asks for space and the bureau has named two idle
 * rooms (waiting in the manager's inbox); a medium repair of 区发改局 has been filed; a major
 * refit is under way; a large project waits for the bureau.
 */
async function seedWorkflows(
  core: CoreServices,
  ctx: DemoOrgs,
  manager: Awaited<ReturnType<CoreServices['auth']['contextFor']>>,
  u: (key: string) => number,
) {
  const ctxOf = async (username: string) =>
    core.auth.contextFor(core.db, await core.auth.requireAccount(ctx.accounts.get(username)!), null, 'zh-CN', 'session');
  const unitA = await ctxOf('unit_a');
  const leader = await ctxOf('leader');
  const allocations = new AllocationService(core);
  const repairs = new RepairService(core);
  const pool = await queryRows<{ id: number }>(
    core.db,
    sql`select r.id from office_rooms r where r.active and r.status = 'idle' and r.use_class = 'office' and r.suite_of_id is null
          and r.org_id not in (${u('u03')}, ${u('u04')})
          and not exists (select 1 from office_occupancies oc where oc.room_id = r.id and oc.end_date is null)
        order by r.area desc, r.id limit 2`,
  );
  const a = await allocations.create(unitA, {
    orgId: u('u03'),
    useClass: 'office',
    requestedArea: 36,
    headcount: 3,
    reason: '新组建重大项目服务专班（编制 3 名），现有办公室已满，申请调配办公用房约 36 ㎡。',
    neededBy: '2027-01-15',
  });
  if (pool.length)
    await allocations.assign(
      manager,
      a.id,
      pool.map((r) => Number(r.id)),
    );

  const [home] = await queryRows<{ building_id: number; id: number; number: string; area: string; use_type: string }>(
    core.db,
    sql`select r.building_id, r.id, r.number, r.area, r.use_type from office_rooms r
        where r.org_id = ${u('u03')} and r.active and r.use_class = 'service' order by r.area desc limit 1`,
  );
  if (!home) return;
  const filed = await repairs.create(unitA, {
    orgId: u('u03'),
    buildingId: Number(home.building_id),
    kind: 'medium',
    title: `${home.number} 室防水及线路改造`,
    assessment: '屋面渗漏、电气线路老化，经房屋安全检查需中修。',
    scope: '屋面防水、强弱电线路更换、墙面修复',
    budget: '186000.00',
    addedArea: 0,
    plannedStart: '2026-05-06',
    plannedEnd: '2026-07-31',
    fileIds: [],
  });
  await core.approvals.decide(manager, filed.instanceId!, 'approve', { comment: '同意立项，按计划实施' });
  await repairs.progress(unitA, filed.id, { action: 'start', date: '2026-05-11', fileIds: [] });
  await repairs.progress(unitA, filed.id, {
    action: 'complete',
    date: '2026-07-28',
    actualCost: '179400.00',
    acceptanceNote: '经竣工验收，防水及线路改造合格。',
    fileIds: [],
  });
  const [b] = await queryRows<{ gross_area: string }>(core.db, sql`select gross_area from office_buildings where id = ${home.building_id}`);
  // Re-measured after the works: the room lost 0.6 ㎡ to a new cable shaft.
  await repairs.file(unitA, filed.id, {
    grossArea: Number(b!.gross_area),
    rooms: [
      {
        roomId: Number(home.id),
        number: home.number,
        area: r2(Number(home.area) - 0.6),
        useClass: 'service',
        useType: home.use_type,
        removed: false,
      },
    ],
    fileIds: [],
  });

  const major = await repairs.create(unitA, {
    orgId: u('u03'),
    buildingId: Number(home.building_id),
    kind: 'major',
    title: '综合楼抗震加固及功能改造',
    assessment: '房屋安全鉴定等级为 C 级，需抗震加固。',
    scope: '结构加固、加建连廊',
    budget: '2380000.00',
    addedArea: r2(Number(b!.gross_area) * 0.04),
    plannedStart: '2026-09-01',
    plannedEnd: '2027-06-30',
    fileIds: [],
  });
  await core.approvals.decide(manager, major.instanceId!, 'approve', { comment: '同意，报局领导' });
  await core.approvals.decide(leader, major.instanceId!, 'approve', { comment: '同意' });
  await repairs.progress(unitA, major.id, { action: 'start', date: '2026-09-08', fileIds: [] });

  const unitB = await ctxOf('unit_b');
  const [bHome] = await queryRows<{ building_id: number }>(
    core.db,
    sql`select building_id from office_rooms where org_id = ${u('u04')} and active limit 1`,
  );
  if (bHome)
    await repairs.create(unitB, {
      orgId: u('u04'),
      buildingId: Number(bHome.building_id),
      kind: 'routine',
      title: '办公区空调及照明日常维修',
      assessment: '部分空调制冷不足、照明灯具损坏。',
      budget: '42000.00',
      addedArea: 0,
      plannedStart: '2026-12-01',
      plannedEnd: '2026-12-20',
      fileIds: [],
    });
}

/** Rooms as rectangles 6 m deep on both sides of a 2.4 m corridor, in number order. */
export function drawPlan(rooms: { id: number; number: string; area: number }[]): TFloorPlan {
  const depth = 6;
  const corridor = 2.4;
  const sorted = [...rooms].sort((a, b) => a.number.localeCompare(b.number));
  const half = Math.ceil(sorted.length / 2);
  const rows = [sorted.slice(0, half), sorted.slice(half)];
  let maxX = 0;
  const shapes = rows.flatMap((row, ri) => {
    let x = 0;
    const y0 = ri === 0 ? 0 : depth + corridor;
    return row.map((r) => {
      const d = r.area > 300 ? 20 : depth;
      const w = Math.round((r.area / d) * 1000) / 1000;
      const pts: [number, number][] = [
        [x, y0],
        [x + w, y0],
        [x + w, y0 + d],
        [x, y0 + d],
      ];
      x = Math.round((x + w) * 1000) / 1000;
      maxX = Math.max(maxX, x);
      return { id: `r${r.id}`, roomId: r.id, label: r.number, points: pts };
    });
  });
  return {
    widthM: Math.ceil(maxX + 2),
    heightM: Math.max(2 * depth + corridor + 1, ...shapes.map((s) => s.points[2]![1] + 1)),
    gridM: 0.5,
    background: null,
    shapes,
  };
}
