import { sql } from 'drizzle-orm';
import { OFFICE_RULE_TABLES } from './office.ruletables';
import {
  type AttachmentOwner,
  type AuthContext,
  type CoreServices,
  type Executor,
  defineJob,
  accountsWith,
  defineModule,
  inScope,
  notify,
  num,
  both,
  queryRows,
  cnToday,
} from '../../core';
import { ComplianceService, loadAreaRule, overdueRecoveries } from './compliance.service';
import { cachedByVersion, startFiguresWarmer } from './compliance.sql';
import { FINDING_FILES, InspectionService } from './inspection.service';
import { AllocationService, OFFICE_ALLOCATION_BUSINESS_TYPE } from './allocation.service';
import { LEASE_FILES, LeaseService } from './lease.service';
import { OccupancyService } from './occupancy.service';
import { OfficeExcel } from './office.excel';
import { M } from './office.messages';
import { OFFICE_GRANTS, OP } from './office.permissions';
import { seedOfficeSpaceDemo } from './office.demo';
import { currentOn } from './office.repository';
import { type OfficeServices, officeRoutes } from './office.routes';
import { PlacesService } from './places.service';
import { RECTIFICATION_BUSINESS_TYPE, RectificationService } from './rectification.service';
import { OFFICE_REPAIR_BUSINESS_TYPE, REPAIR_FILES, RepairService } from './repair.service';
import { RoomService } from './rooms.service';
import { OFFICE_AUDIT } from './office.audit';
import { OFFICE_SEARCH, OFFICE_WORKBENCH } from './office.workbench';

export { OP as OFFICE_PERMISSIONS } from './office.permissions';
export { seedOfficeSpaceDemo } from './office.demo';
// For scripts/seed-scale.ts and scripts/bench-office.ts (they fill and time a district-scale
// registry); other modules read office space through the functions below, never its tables.
export { drawPlan } from './office.demo';
export { officeBuildings, officeFloors, officeOccupancies, officeRooms, officeSites } from './office.schema';
export { computeCompliance, loadAreaRule } from './compliance.service';
export { complianceTotals, findingsCte } from './compliance.sql';
export type { OfficeServices } from './office.routes';

export const FLOOR_FILES = 'office_floor';

/** The module's services over one database (the app, the demo loader and the scale seed use it). */
export function createOfficeServices(core: CoreServices): OfficeServices {
  const places = new PlacesService(core);
  const occupancies = new OccupancyService(core);
  const rooms = new RoomService(core, places, occupancies);
  const compliance = new ComplianceService(core, places, rooms);
  return {
    core,
    places,
    rooms,
    occupancies,
    compliance,
    rectifications: new RectificationService(core),
    inspections: new InspectionService(core),
    leases: new LeaseService(core),
    allocations: new AllocationService(core),
    repairs: new RepairService(core),
    excel: new OfficeExcel(core, rooms, occupancies),
  };
}

/** Is `orgId` (or the org of a row) readable/writable by the caller? Used by the attachment owners. */
async function orgOf(
  db: Executor,
  table: 'office_findings' | 'office_leases' | 'office_repairs',
  id: string,
): Promise<{ id: number; path: string } | null> {
  if (!/^\d{1,9}$/.test(id)) return null;
  const q = sql`select o.id, o.path from ${sql.identifier(table)} f join orgs o on o.id = f.org_id where f.id = ${Number(id)}`;
  const [row] = await queryRows<{ id: number; path: string }>(db, q);
  return row ? { id: num(row.id), path: row.path } : null;
}

const findingFilesOwner: AttachmentOwner = {
  canView: async (db, ctx, id) => {
    const o = await orgOf(db, 'office_findings', id);
    return !!o && ctx.covers(OP['office.read'], o);
  },
  canAttach: async (db, ctx, id) => {
    const o = await orgOf(db, 'office_findings', id);
    return !!o && (ctx.covers(OP['office.manage'], o) || ctx.covers(OP['office.write'], o));
  },
};
/**
 * Scanned plans of a floor follow the floor's own read (`PlacesService.building`): the
 * building's unit in office-space read scope, or rooms of the caller's scope in that building.
 * Adding or removing one follows the plan's editing: the building's manager, or a writer whose
 * scope keeps rooms on this very floor. Another unit's floors are invisible (404).
 */
async function floorAccess(db: Executor, ctx: AuthContext, id: string, mode: 'view' | 'attach'): Promise<boolean> {
  if (!/^\d{1,9}$/.test(id)) return false;
  const [f] = await queryRows<{ building_id: number; org_id: number; path: string }>(
    db,
    sql`select f.building_id, b.org_id, o.path from office_floors f join office_buildings b on b.id = f.building_id
        join orgs o on o.id = b.org_id where f.id = ${Number(id)} and f.tenant_id = ${ctx.tenantId}`,
  );
  if (!f) return false;
  const org = { id: num(f.org_id), path: f.path };
  if (mode === 'attach') {
    if (ctx.covers(OP['office.manage'], org)) return true;
    const [r] = await queryRows(
      db,
      sql`select 1 from office_rooms where floor_id = ${Number(id)} and active and ${inScope(ctx, OP['office.write'], sql`org_id`)} limit 1`,
    );
    return !!r;
  }
  if (ctx.covers(OP['office.read'], org)) return true;
  const [r] = await queryRows(
    db,
    sql`select 1 from office_rooms where building_id = ${num(f.building_id)} and active and ${inScope(ctx, OP['office.read'], sql`org_id`)} limit 1`,
  );
  return !!r;
}
const floorFilesOwner: AttachmentOwner = {
  canView: (db, ctx, id) => floorAccess(db, ctx, id, 'view'),
  canAttach: (db, ctx, id) => floorAccess(db, ctx, id, 'attach'),
};

// Lease contracts and repair documents belong to the unit's record: its readers see them,
// its writers (or the bureau) add to them.
const unitRecordOwner = (table: 'office_leases' | 'office_repairs', write: string): AttachmentOwner => ({
  canView: async (db, ctx, id) => {
    const o = await orgOf(db, table, id);
    return !!o && ctx.covers(OP['office.read'], o);
  },
  canAttach: async (db, ctx, id) => {
    const o = await orgOf(db, table, id);
    return !!o && (ctx.covers(OP['office.manage'], o) || ctx.covers(write, o));
  },
});

// A unit or person with rooms or occupancy is never hard-deleted (deactivate instead).
const orgReference = async (db: Executor, orgId: number) => {
  const [r] = await queryRows<{ n: number }>(
    db,
    sql`select (select count(*) from office_rooms where org_id = ${orgId}) + (select count(*) from office_sites where org_id = ${orgId})
          + (select count(*) from office_occupancies where org_id = ${orgId}) as n`,
  );
  return num(r?.n);
};
const personReference = async (db: Executor, personId: number) => {
  const [r] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from office_occupancies where person_id = ${personId}`);
  return num(r?.n);
};

/**
 * Daily: rooms of people who left (or of ended concurrent posts) not recovered in time.
 * Each overdue occupancy is reported once to the unit's and the bureau's administrators.
 */
const recoveryOverdueJob = defineJob({
  name: 'office.recovery.overdue',
  titleZh: '办公用房超期未腾退提醒',
  titleEn: 'Office rooms not recovered in time',
  schedule: { kind: 'daily', at: '07:30' },
  run: async ({ db }) => {
    const { rule } = await loadAreaRule(db);
    const items = await overdueRecoveries(db, sql`true`, rule, true);
    let notified = 0;
    for (const it of items) {
      await db.transaction(async (tx) => {
        const [claimed] = await queryRows<{ id: number }>(
          tx,
          sql`update office_occupancies set overdue_notified_at = now() where id = ${it.occupancyId} and overdue_notified_at is null returning id`,
        );
        if (!claimed) return;
        await notify(tx, await accountsWith(tx, OP['office.write'], it.orgId), {
          kind: 'office.overdue',
          titleZh: `${it.personName} 的办公室 ${it.roomNumber} 逾期 ${it.daysOverdue} 天未腾退`,
          titleEn: `Room ${it.roomNumber} of ${it.personName} is ${it.daysOverdue} days overdue for recovery`,
          body: `${it.buildingName} ${it.roomNumber}; due ${it.dueDate}`,
          link: '/office/compliance?tab=overdue',
        });
        notified++;
      });
    }
    return { overdue: items.length, notified };
  },
  describe: (r) => ({
    zh: `逾期未腾退 ${r.overdue} 间，本次新通知 ${r.notified} 间`,
    en: `${r.overdue} rooms overdue for recovery, ${r.notified} newly notified`,
  }),
});

/**
 * Daily: leases in that end within the reminder period (rule `office_area_standard`,
 * `leaseReminderDays`, 60 days unless a rule version says otherwise) are reported once to
 * the administrators of the renting unit and of the bureau.
 */
const leaseExpiryJob = defineJob({
  name: 'office.lease.expiry',
  titleZh: '租用办公用房到期提醒',
  titleEn: 'Leases about to expire',
  schedule: { kind: 'daily', at: '07:40' },
  run: async ({ db }) => {
    const { rule } = await loadAreaRule(db);
    const days = Number((rule as { leaseReminderDays?: number }).leaseReminderDays ?? 60);
    // The claim and the notifications commit together: a failure leaves the lease to remind again.
    const due = await db.transaction(async (tx) => {
      const rows = await queryRows<{ id: number; org_id: number; address: string; end_date: string }>(
        tx,
        sql`update office_leases set reminded_at = now()
          where status = 'active' and reminded_at is null and end_date <= ${cnToday()}::date + ${days}::int
          returning id, org_id, address, end_date::text`,
      );
      for (const l of rows) {
        await notify(tx, await accountsWith(tx, OP['office.write'], num(l.org_id)), {
          kind: 'office.lease',
          titleZh: `租用办公用房将于 ${l.end_date} 到期：${l.address}`,
          titleEn: `Lease ends on ${l.end_date}: ${l.address}`,
          link: '/office/registry?tab=leases',
        });
      }
      return rows;
    });
    return { reminded: due.length, days };
  },
  describe: (r) => ({
    zh: `${r.days} 天内到期的租用房新提醒 ${r.reminded} 处`,
    en: `${r.reminded} leases ending within ${r.days} days reminded`,
  }),
});

/** Office space (办公用房): registry, compliance, allocations, rectifications, inspections, leases, repairs. */
export const officeSpaceModule = defineModule({
  name: 'office-space',
  audit: OFFICE_AUDIT,
  workbench: OFFICE_WORKBENCH,
  search: OFFICE_SEARCH,
  titleZh: '办公用房',
  titleEn: 'Office space',
  permissions: [OP],
  messages: [M],
  grants: OFFICE_GRANTS,
  ruleTables: OFFICE_RULE_TABLES,
  businessTypes: [OFFICE_ALLOCATION_BUSINESS_TYPE, RECTIFICATION_BUSINESS_TYPE, OFFICE_REPAIR_BUSINESS_TYPE],
  jobs: [recoveryOverdueJob, leaseExpiryJob],
  attachmentOwners: {
    [FINDING_FILES]: findingFilesOwner,
    [FLOOR_FILES]: floorFilesOwner,
    [LEASE_FILES]: unitRecordOwner('office_leases', OP['office.write']),
    [REPAIR_FILES]: unitRecordOwner('office_repairs', OP['office.request']),
  },
  orgReferences: [orgReference],
  personReferences: [personReference],
  routes: async (app, core, deps) => {
    const warmer = startFiguresWarmer(core.db);
    app.addHook('onClose', async () => warmer.stop());
    await app.register(officeRoutes, { svc: createOfficeServices(core), maxUploadMb: Math.round(deps.config.maxUploadBytes / 1048576) });
  },
  demo: { seed: seedOfficeSpaceDemo },
});

/**
 * For the energy module (through this index only): active people per unit (a department's
 * people count for its unit: `people.org_id` is the unit). Cached against the office data
 * version, which every change to people bumps, so the indicators do not count the whole
 * register on every request.
 */
export async function activeHeadcountByOrg(db: Executor, tenantId: number): Promise<Map<number, number>> {
  const rows = await cachedByVersion(db, `headcount:${tenantId}`, () =>
    queryRows<{ org_id: number; n: number }>(
      db,
      sql`select org_id, count(*)::int as n from people where tenant_id = ${tenantId} and status = 'active' group by org_id`,
    ),
  );
  return new Map(rows.map((r) => [Number(r.org_id), Number(r.n)]));
}

/**
 * For the energy module (through this index only): each unit's share of building floor area
 * (㎡). A building's gross area is divided among the units by the usable area of the rooms
 * each holds in it, so a shared office block counts once across its tenants. Cached against
 * the office data version.
 */
export async function buildingAreaByOrg(db: Executor, tenantId: number): Promise<Map<number, number>> {
  const rows = await cachedByVersion(db, `building-area:${tenantId}`, () =>
    queryRows<{ org_id: number; area: number }>(
      db,
      sql`with r as (
            select building_id, org_id, sum(area) as a from office_rooms where tenant_id = ${tenantId} and active group by 1, 2),
          b as (select building_id, sum(a) as total from r group by 1)
          select r.org_id, sum(bd.gross_area * r.a / nullif(b.total, 0)) as area
          from r join b on b.building_id = r.building_id join office_buildings bd on bd.id = r.building_id
          where bd.status = 'active' group by r.org_id`,
    ),
  );
  return new Map(rows.map((r) => [Number(r.org_id), Math.round(Number(r.area) * 100) / 100]));
}

/** Names of sites and buildings, and each building's site and managing org (energy meters sit on them). */
export async function officePlaces(db: Executor, tenantId: number, siteIds: number[], buildingIds: number[]) {
  // Both lookups at once where the database can (see `both`).
  const [sites, buildings] = await both(
    db,
    async () =>
      siteIds.length
        ? queryRows<{ id: number; name: string; org_id: number }>(
            db,
            sql`select id, name, org_id from office_sites where tenant_id = ${tenantId} and id in ${siteIds}`,
          )
        : [],
    async () =>
      buildingIds.length
        ? queryRows<{ id: number; name: string; site_id: number; org_id: number }>(
            db,
            sql`select id, name, site_id, org_id from office_buildings where tenant_id = ${tenantId} and id in ${buildingIds}`,
          )
        : [],
  );
  return {
    sites: new Map(sites.map((s) => [num(s.id), { name: s.name, orgId: num(s.org_id) }])),
    buildings: new Map(buildings.map((b) => [num(b.id), { name: b.name, siteId: num(b.site_id), orgId: num(b.org_id) }])),
  };
}

/** Rooms by id: owning unit and a label "楼宇 房间号" (energy patrol findings are recorded by room). */
export async function officeRoomFacts(db: Executor, tenantId: number, roomIds: number[]) {
  if (!roomIds.length) return new Map<number, { orgId: number; label: string }>();
  const rows = await queryRows<{ id: number; org_id: number; number: string; building: string }>(
    db,
    sql`select r.id, r.org_id, r.number, b.name as building from office_rooms r join office_buildings b on b.id = r.building_id
        where r.tenant_id = ${tenantId} and r.id in ${roomIds}`,
  );
  return new Map(rows.map((r) => [num(r.id), { orgId: num(r.org_id), label: `${r.building} ${r.number}` }]));
}

/**
 * A tenant's active rooms in id order: owning unit, label "楼宇 房间号", use class and area. Other
 * modules' demo data place their records in rooms with it (assets' locations, energy patrol findings).
 */
export async function officeActiveRooms(db: Executor, tenantId: number) {
  const rows = await queryRows<{ id: number; org_id: number; label: string; use_class: string; area: string }>(
    db,
    sql`select r.id, r.org_id, concat(b.name, ' ', r.number) as label, r.use_class, r.area from office_rooms r
        join office_buildings b on b.id = r.building_id where r.tenant_id = ${tenantId} and r.active order by r.id`,
  );
  return rows.map((r) => ({ id: num(r.id), orgId: num(r.org_id), label: String(r.label), useClass: r.use_class, area: Number(r.area) }));
}

/** Active buildings of a tenant by name (spreadsheet imports name the building). */
export async function officeBuildingsByName(db: Executor, tenantId: number): Promise<Map<string, number>> {
  const rows = await queryRows<{ id: number; name: string }>(
    db,
    sql`select id, name from office_buildings where tenant_id = ${tenantId} and status = 'active' order by id`,
  );
  return new Map(rows.map((b) => [b.name, num(b.id)]));
}

/** Each active building with the units that hold rooms in it (energy demo meters follow the buildings). */
export async function officeBuildingUnits(db: Executor, tenantId: number) {
  const rows = await queryRows<{ id: number; name: string; site_id: number; org_id: number; area: number }>(
    db,
    sql`select b.id, b.name, b.site_id, r.org_id, sum(r.area) as area from office_buildings b join office_rooms r on r.building_id = b.id and r.active
        where b.tenant_id = ${tenantId} and b.status = 'active' group by b.id, b.name, b.site_id, r.org_id order by b.id, r.org_id`,
  );
  const out = new Map<number, { name: string; siteId: number; units: number[] }>();
  for (const r of rows) {
    const b = out.get(num(r.id)) ?? { name: r.name, siteId: num(r.site_id), units: [] };
    b.units.push(num(r.org_id));
    out.set(num(r.id), b);
  }
  return out;
}

/** Each active site: its buildings' gross area and the active people with an office there today (energy indicators per site). */
export async function officeSiteFacts(db: Executor, tenantId: number) {
  const day = cnToday();
  const rows = await queryRows<{ id: number; name: string; org_id: number; area: number; people: number }>(
    db,
    // One grouped pass over the occupancies and the buildings, joined to the sites: a subquery per
    // site scanned the district's rooms once per site (1.7 s on PGlite at seed scale, 92 sites).
    sql`with ppl as (
          select r.site_id, count(distinct oc.person_id)::int as n from office_occupancies oc
            join office_rooms r on r.id = oc.room_id join people p on p.id = oc.person_id
          where r.tenant_id = ${tenantId} and p.status = 'active' and ${currentOn(day)} group by r.site_id
        ), area as (
          select b.site_id, sum(b.gross_area) as a from office_buildings b
          where b.tenant_id = ${tenantId} and b.status = 'active' group by b.site_id
        )
        select s.id, s.name, s.org_id, coalesce(area.a, 0) as area, coalesce(ppl.n, 0) as people
        from office_sites s left join area on area.site_id = s.id left join ppl on ppl.site_id = s.id
        where s.tenant_id = ${tenantId} and s.status = 'active' order by s.id`,
  );
  return rows.map((r) => ({
    siteId: num(r.id),
    name: r.name,
    orgId: num(r.org_id),
    buildingArea: Number(r.area),
    headcount: num(r.people),
  }));
}

/** A unit's active rooms matching a text (number or building), labelled "楼宇 楼层 房间号": the energy patrol's room picker. */
export async function officeRoomSearch(db: Executor, tenantId: number, orgId: number, q: string | undefined, limit = 30) {
  const rows = await queryRows<{ id: number; number: string; building: string; floor: string }>(
    db,
    sql`select r.id, r.number, b.name as building, f.name as floor from office_rooms r
        join office_buildings b on b.id = r.building_id join office_floors f on f.id = r.floor_id
        where r.tenant_id = ${tenantId} and r.org_id = ${orgId} and r.active
          ${q ? sql`and (r.number like ${`%${q}%`} or b.name like ${`%${q}%`})` : sql``}
        order by b.name, f.level, r.number limit ${limit}`,
  );
  return rows.map((r) => ({ id: num(r.id), label: `${r.building} ${r.floor} ${r.number}` }));
}
export { OFFICE_RULE_TABLES } from './office.ruletables';

/** Room uses a meeting room may be linked from (会议室 / 报告厅 / 多功能厅 / 接待室): the meetings module's link picker. */
const MEETING_USES = ['meeting', 'lecture_hall', 'multi_function', 'reception'];

/**
 * For the meetings module: registry rooms by id with what a meeting room shows (use, building,
 * floor, number, area, owning unit). It checks the use itself and scopes by the managing unit.
 */
export async function officeRoomsForMeetings(db: Executor, tenantId: number, roomIds: number[]) {
  if (!roomIds.length)
    return new Map<
      number,
      { orgId: number; useType: string; buildingId: number; building: string; floor: string; number: string; area: number; active: boolean }
    >();
  const rows = await queryRows<{
    id: number;
    org_id: number;
    use_type: string;
    building_id: number;
    building: string;
    floor: string;
    number: string;
    area: string;
    active: boolean;
  }>(
    db,
    sql`select r.id, r.org_id, r.use_type, r.building_id, b.name as building, f.name as floor, r.number, r.area, r.active
        from office_rooms r join office_buildings b on b.id = r.building_id join office_floors f on f.id = r.floor_id
        where r.tenant_id = ${tenantId} and r.id in ${roomIds}`,
  );
  return new Map(
    rows.map((r) => [
      num(r.id),
      {
        orgId: num(r.org_id),
        useType: r.use_type,
        buildingId: num(r.building_id),
        building: r.building,
        floor: r.floor,
        number: r.number,
        area: Number(r.area),
        active: Boolean(r.active),
      },
    ]),
  );
}

/** Active registry rooms used for meetings whose unit matches `orgFilter` (the caller's scope), searched by number or building. */
export async function officeMeetingRoomCandidates(
  db: Executor,
  tenantId: number,
  orgFilter: (orgColumn: ReturnType<typeof sql>) => ReturnType<typeof sql>,
  q: string | undefined,
  limit = 50,
) {
  const rows = await queryRows<{
    id: number;
    org_id: number;
    use_type: string;
    building_id: number;
    building: string;
    floor: string;
    number: string;
    area: string;
  }>(
    db,
    sql`select r.id, r.org_id, r.use_type, r.building_id, b.name as building, f.name as floor, r.number, r.area
        from office_rooms r join office_buildings b on b.id = r.building_id join office_floors f on f.id = r.floor_id
        where r.tenant_id = ${tenantId} and r.active and r.use_type in ${MEETING_USES} and ${orgFilter(sql`r.org_id`)}
          ${q ? sql`and (r.number like ${`%${q}%`} or b.name like ${`%${q}%`})` : sql``}
        order by b.name, f.level, r.number, r.id limit ${limit}`,
  );
  return rows.map((r) => ({
    id: num(r.id),
    orgId: num(r.org_id),
    useType: r.use_type,
    buildingId: num(r.building_id),
    building: r.building,
    floor: r.floor,
    number: r.number,
    area: Number(r.area),
    label: `${r.building} ${r.floor} ${r.number}`,
  }));
}
