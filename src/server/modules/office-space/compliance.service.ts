import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { FILING_ROOMS_MAX } from '../../../contracts/modules/office-space';
import type {
  TComplianceItem,
  TSummary,
  ZComplianceExportQuerySchema,
  ZComplianceQuerySchema,
} from '../../../contracts/modules/office-space';
import {
  type AuthContext,
  type CoreServices,
  concurrently,
  type Executor,
  EXPORT_BATCH,
  MAX_EXPORT_ROWS,
  assertOrgInScope,
  badRequest,
  both,
  notFound,
  queryRows,
  num,
  ruleInForce,
} from '../../core';
import { OFFICE_AREA_RULE } from './office.ruletables';
import {
  cachedByVersion,
  complianceTotals,
  findingIds,
  findingOrder,
  findingPageWithCounts,
  findingRows,
  findingsCte,
  overByOrg,
} from './compliance.sql';
import { OP } from './office.permissions';
import type { PlacesService } from './places.service';
import { currentOn, officeRepository, scopeOn, today } from './office.repository';
import type { RoomService } from './rooms.service';
import { type AreaRule, type OccupiedRoom, addMonths, assess, daysBetween, isLeader, round2, serviceStatus } from './standards';

export const AREA_RULE = OFFICE_AREA_RULE.name;

/**
 * Compliance with the area standards, computed on demand from the registry and personnel
 * (never stored, so it is always as current as the data). One pass loads the people in
 * scope, their current rooms with occupant counts and the leader suites; the standards
 * engine does the rest in memory.
 */
export class ComplianceService {
  constructor(
    private readonly core: CoreServices,
    private readonly places: PlacesService,
    private readonly rooms: RoomService,
  ) {}

  rule(day = today()) {
    return loadAreaRule(this.core.db, day);
  }

  compute(db: Executor, scope: ReturnType<typeof sql>, q?: string) {
    return computeCompliance(db, scope, q);
  }

  /**
   * The district-wide list: SQL filters, sorts, counts and pages (compliance.sql.ts); the
   * engine then details the people on the page (their rooms and shares).
   */
  async compliance(ctx: AuthContext, q: z.infer<typeof ZComplianceQuerySchema>) {
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, OP['office.read'], sql`p.org_id`, q.orgId);
    const ruleP = this.rule();
    const pageSize = q.pageSize;
    const offset = (q.page - 1) * q.pageSize;
    const onlyOver = q.onlyOver === 'true';
    if (!q.q) {
      // Without a name search the list's order over the whole scope and its totals change only
      // with the data (office_data_version) or the day: cached like the summary's figures (and
      // kept fresh by the same warmer), so a page costs the detail of its own rows, not two
      // district-wide statements.
      const key = this.cacheKey(ctx, `list|${onlyOver}|${findingOrder(q.sort).key}`, q.orgId);
      const [{ version }, facts] = await concurrently(
        db,
        () => ruleP,
        () =>
          cachedByVersion(db, key, async () => {
            // The rule is read here, not taken from this request: the warmer recomputes after a rule change.
            const f = findingsCte(ctx.tenantId, scope, (await this.rule()).rule, today());
            const [totals, ids] = await concurrently(
              db,
              () => complianceTotals(db, f),
              () => findingIds(db, f, { onlyOver, sort: q.sort }),
            );
            return { totals, ids };
          }),
      );
      const items = await this.detail(db, [...facts.ids.subarray(offset, offset + pageSize)]);
      return { items, total: onlyOver ? facts.totals.over : facts.totals.total, overCount: facts.totals.over, ruleVersion: version };
    }
    // With a name search: the page and the counts in one statement.
    const { rule, version } = await ruleP;
    const cte = findingsCte(ctx.tenantId, scope, rule, today());
    const page = await findingPageWithCounts(db, cte, { onlyOver, q: q.q, sort: q.sort, limit: pageSize, offset });
    const items = await this.detail(
      db,
      page.rows.map((r) => Number(r.person_id)),
    );
    return { items, total: page.total, overCount: page.over, ruleVersion: version };
  }

  /**
   * The list for an export, in the list's order: the ordered person ids are found once (one pass of
   * the findings query, ids only), then the people are detailed and yielded a batch at a time, so a
   * district of 20,000 is never one array of findings with their rooms.
   */
  async exportRows(ctx: AuthContext, q: z.infer<typeof ZComplianceExportQuerySchema>) {
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, OP['office.read'], sql`p.org_id`, q.orgId);
    const { rule } = await this.rule();
    const cte = findingsCte(ctx.tenantId, scope, rule, today());
    const { rows: found } = await findingRows(db, cte, {
      onlyOver: q.onlyOver === 'true',
      q: q.q,
      sort: q.sort,
      limit: MAX_EXPORT_ROWS,
      offset: 0,
      idsOnly: true,
    });
    const ids = found.map((r) => Number(r.person_id));
    const detail = (batch: number[]) => this.detail(db, batch);
    async function* rows() {
      for (let i = 0; i < ids.length; i += EXPORT_BATCH)
        for (const it of await detail(ids.slice(i, i + EXPORT_BATCH)))
          yield { ...it, roomNumbers: it.rooms.map((r) => r.number).join('、') };
    }
    return { count: ids.length, rows: rows() };
  }

  /** What a cached figure depends on besides the data: the caller's scope, the subtree and the day. */
  private cacheKey(ctx: AuthContext, what: string, orgId?: number) {
    const grants = ctx
      .grants(OP['office.read'])
      .map((g) => `${g.orgId}${g.subtree ? '+' : ''}`)
      .sort()
      .join(',');
    return `${what}|${ctx.tenantId}|${today()}|${grants}|${orgId ?? ''}`;
  }

  /** Findings with rooms for a known list of people, in the list's order. */
  private async detail(db: Executor, ids: number[]): Promise<TComplianceItem[]> {
    if (!ids.length) return [];
    const { items } = await computeCompliance(db, sql`p.id in ${ids}`);
    const by = new Map(items.map((i) => [i.personId, i]));
    return ids.map((id) => by.get(id)).filter((x): x is TComplianceItem => Boolean(x));
  }

  /** Totals by use class, headcount, per-capita area, over-standard people, leaders, idle and let rooms. */
  async summary(ctx: AuthContext, orgId?: number): Promise<TSummary> {
    const db = this.core.db;
    const roomScope = await scopeOn(db, ctx, OP['office.read'], sql`r.org_id`, orgId);
    const orgScope = await scopeOn(db, ctx, OP['office.read'], sql`o.id`, orgId);
    const personScope = await scopeOn(db, ctx, OP['office.read'], sql`p.org_id`, orgId);
    const [classes, orgRows, buildings, rooms, comp, overdue, findings] = await concurrently(
      db,
      () =>
        queryRows<{ use_class: string; area: string; n: number }>(
          db,
          sql`select r.use_class, sum(r.area) as area, count(*)::int as n from office_rooms r where r.active and ${roomScope} group by r.use_class`,
        ),
      () =>
        queryRows<{ units: number; staffing: number; headcount: number }>(
          db,
          // 下属单位: the active units, the bureau itself not among them (the home page counts the same).
          sql`select count(*) filter (where o.kind = 'unit')::int as units, coalesce(sum(o.staffing), 0)::int as staffing,
              (select count(*)::int from people p where p.status = 'active' and ${personScope}) as headcount
            from orgs o where o.status = 'active' and ${orgScope}`,
        ),
      () =>
        queryRows<{ sites: number; buildings: number; gross: string }>(
          db,
          sql`select count(distinct b.site_id)::int as sites, count(*)::int as buildings, coalesce(sum(b.gross_area), 0) as gross
            from office_buildings b where b.status = 'active'
              and b.id in (select r.building_id from office_rooms r where r.active and ${roomScope})`,
        ),
      () =>
        queryRows<{ id: number; number: string; building_name: string; org_name: string | null; area: string; status: string }>(
          db,
          sql`select r.id, r.number, b.name as building_name, o.name as org_name, r.area, r.status
            from office_rooms r join office_buildings b on b.id = r.building_id left join orgs o on o.id = r.org_id
            where r.active and r.status in ('idle','rented_out','lent_out') and ${roomScope}
            order by r.status, b.name, r.number limit 2000`,
        ),
      () =>
        this.rule().then(async ({ rule }) => {
          const facts = await cachedByVersion(db, this.cacheKey(ctx, 'summary', orgId), async () => {
            const totals = await complianceTotals(db, findingsCte(ctx.tenantId, personScope, rule, today()));
            return { totals, leaders: await this.detail(db, totals.leaderIds) };
          });
          return { rule, totals: facts.totals, leaders: [...facts.leaders] };
        }),
      () => this.overdue(ctx, orgId, true),
      async () =>
        queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from office_findings f where f.status = 'open' and ${await scopeOn(db, ctx, OP['office.read'], sql`f.org_id`, orgId)}`,
        ),
    );
    const area = { office: 0, service: 0, equipment: 0, auxiliary: 0 } as TSummary['areaByUseClass'];
    let roomsCount = 0;
    for (const c of classes) {
      area[c.use_class as keyof typeof area] = round2(Number(c.area));
      roomsCount += num(c.n);
    }
    const o = orgRows[0]!;
    const headcount = num(o.headcount);
    const perCapita = (v: number) => (headcount > 0 ? round2(v / headcount) : null);
    const servicePer = perCapita(area.service);
    return {
      orgId: orgId ?? null,
      sites: num(buildings[0]?.sites),
      buildings: num(buildings[0]?.buildings),
      units: num(o.units),
      rooms: roomsCount,
      grossArea: round2(Number(buildings[0]?.gross ?? 0)),
      totalArea: round2(area.office + area.service + area.equipment + area.auxiliary),
      areaByUseClass: area,
      staffing: num(o.staffing),
      headcount,
      officeAreaPerCapita: perCapita(area.office),
      servicePerCapita: servicePer,
      serviceStandard: comp.rule.serviceRoomPerPerson,
      serviceStatus: serviceStatus(comp.rule, servicePer),
      overStandardCount: comp.totals.over,
      overStandardArea: round2(comp.totals.overArea),
      leaders: comp.leaders.sort((a, b) => a.orgId - b.orgId || a.postLevel.localeCompare(b.postLevel)),
      idleRooms: rooms
        .filter((r) => r.status === 'idle')
        .map((r) => ({ roomId: num(r.id), number: r.number, buildingName: r.building_name, orgName: r.org_name, area: Number(r.area) })),
      violations: rooms
        .filter((r) => r.status !== 'idle')
        .map((r) => ({
          roomId: num(r.id),
          number: r.number,
          buildingName: r.building_name,
          orgName: r.org_name,
          area: Number(r.area),
          status: r.status,
        })),
      overdueRecoveries: overdue.items.length,
      openFindings: num(findings[0]?.n),
    };
  }

  /** Per unit, for the dashboard: area, headcount, per-capita office area, over-standard people, open findings. */
  async unitStats(ctx: AuthContext, orgId?: number) {
    const db = this.core.db;
    const orgScope = await scopeOn(db, ctx, OP['office.read'], sql`o.id`, orgId);
    const personScope = await scopeOn(db, ctx, OP['office.read'], sql`p.org_id`, orgId);
    const [rows, comp] = await concurrently(
      db,
      () =>
        queryRows<Record<string, () => unknown>>(
          db,
          sql`select o.id, coalesce(o.short_name, o.name) as name, o.staffing,
              (select count(*)::int from people p where p.org_id = o.id and p.status = 'active') as headcount,
              (select coalesce(sum(r.area), 0) from office_rooms r where r.org_id = o.id and r.active and r.use_class = 'office') as office_area,
              (select coalesce(sum(r.area), 0) from office_rooms r where r.org_id = o.id and r.active) as total_area,
              (select count(*)::int from office_findings f where f.org_id = o.id and f.status = 'open') as open_findings
            from orgs o where o.kind in ('unit','bureau') and o.status = 'active' and ${orgScope}
            order by o.depth, o.sort, o.id`,
        ),
      () =>
        this.rule().then(({ rule }) =>
          cachedByVersion(db, this.cacheKey(ctx, 'byOrg', orgId), () =>
            overByOrg(db, findingsCte(ctx.tenantId, personScope, rule, today())),
          ),
        ),
    );
    const overBy = comp;
    return {
      items: rows
        .map((r) => {
          const headcount = num(r.headcount);
          const officeArea = round2(num(r.office_area));
          return {
            orgId: num(r.id),
            name: String(r.name),
            staffing: num(r.staffing),
            headcount,
            officeArea,
            totalArea: round2(num(r.total_area)),
            officeAreaPerCapita: headcount ? round2(officeArea / headcount) : null,
            overStandard: overBy.get(num(r.id)) ?? 0,
            openFindings: num(r.open_findings),
          };
        })
        .filter((u) => u.totalArea > 0 || u.headcount > 0),
    };
  }

  /**
   * Rooms not recovered in time: a transferred or retired person's rooms within the
   * configured months of the status change, a concurrent-post room within its months of
   * leaving the post. Both periods come from the rule.
   */
  async overdue(ctx: AuthContext, orgId?: number, onlyOverdue = true) {
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, OP['office.read'], sql`oc.org_id`, orgId);
    const { rule } = await this.rule();
    return { items: await overdueRecoveries(db, scope, rule, onlyOverdue) };
  }

  /** Staff: my rooms and my standard. */
  async mine(ctx: AuthContext) {
    ctx.require(OP['office.self']);
    const personId = ctx.account.personId;
    if (!personId) return { person: null, rooms: [] as unknown[] };
    const { items } = await this.compute(this.core.db, sql`p.id = ${personId}`);
    const rooms = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`select r.id, r.number, r.area, r.use_type, f.name as floor_name, b.name as building_name, s.name as site_name, oc.kind, oc.start_date::text
          from office_occupancies oc join office_rooms r on r.id = oc.room_id join office_floors f on f.id = r.floor_id
          join office_buildings b on b.id = r.building_id join office_sites s on s.id = r.site_id
          where oc.person_id = ${personId} and ${currentOn(today())}`,
    );
    return {
      person: items[0] ?? null,
      rooms: rooms.map((r) => ({
        roomId: num(r.id),
        number: String(r.number),
        area: num(r.area),
        useType: String(r.use_type),
        floorName: String(r.floor_name),
        buildingName: String(r.building_name),
        siteName: String(r.site_name),
        kind: String(r.kind),
        startDate: String(r.start_date),
      })),
    };
  }

  /** A floor with its plan and rooms coloured by compliance, for the viewer and the editor. */
  async floorDetail(ctx: AuthContext, id: number) {
    const db = this.core.db;
    const floor = await this.places.floorRow(db, ctx, id);
    const b = await this.places.building(db, ctx, floor.buildingId);
    const [site] = await queryRows<{ name: string }>(db, sql`select name from office_sites where id = ${b.siteId}`);
    const roomScope = await scopeOn(db, ctx, OP['office.read'], sql`r.org_id`);
    const rooms = await queryRows<Record<string, unknown>>(
      db,
      sql`select r.id, r.number, r.use_class, r.use_type, r.area, r.status, r.org_id, o.name as org_name
          from office_rooms r left join orgs o on o.id = r.org_id where r.floor_id = ${id} and r.active and ${roomScope} order by r.number`,
    );
    const occ = await queryRows<{ room_id: number; person_id: number; name: string; post_title: string | null }>(
      db,
      sql`select oc.room_id, oc.person_id, p.name, p.post_title from office_occupancies oc join people p on p.id = oc.person_id
          join office_rooms r on r.id = oc.room_id where r.floor_id = ${id} and ${currentOn(today())} order by p.name`,
    );
    const personIds = [...new Set(occ.map((o) => num(o.person_id)))];
    const over = new Set<number>();
    if (personIds.length) {
      const { items } = await this.compute(db, sql`p.id in ${personIds}`);
      const overPeople = new Set(items.filter((i) => i.overStandard).map((i) => i.personId));
      for (const o of occ) if (overPeople.has(num(o.person_id))) over.add(num(o.room_id));
    }
    const byRoom = new Map<number, { personId: number; name: string; postTitle: string | null }[]>();
    for (const o of occ) {
      const list = byRoom.get(num(o.room_id)) ?? [];
      list.push({ personId: num(o.person_id), name: o.name, postTitle: o.post_title });
      byRoom.set(num(o.room_id), list);
    }
    const roomList = rooms.map((r) => ({
      id: num(r.id),
      number: String(r.number),
      useClass: r.use_class as 'office',
      useType: String(r.use_type),
      area: num(r.area),
      status: r.status as 'idle',
      orgId: num(r.org_id),
      orgName: (r.org_name as string) ?? null,
      overStandard: over.has(num(r.id)),
      occupants: byRoom.get(num(r.id)) ?? [],
    }));
    return {
      id: floor.id,
      buildingId: floor.buildingId,
      level: floor.level,
      name: floor.name,
      hasPlan: floor.plan !== null,
      rooms: roomList.length,
      roomArea: round2(roomList.reduce((s, r) => s + r.area, 0)),
      buildingName: b.name,
      siteName: site?.name ?? '',
      plan: (floor.plan as never) ?? null,
      roomList,
    };
  }

  /** 单位办公用房备案表: the unit's totals, every room, leaders' offices and the floors to attach as drawings. */
  async filingReport(ctx: AuthContext, orgId: number) {
    const org = await assertOrgInScope(this.core.db, ctx, OP['office.read'], orgId);
    if (org.kind === 'department') throw badRequest('VALIDATION_FAILED', { fields: 'orgId' });
    const [info] = await queryRows<{ name: string; agency_level: string; staffing: number }>(
      this.core.db,
      sql`select name, agency_level, staffing from orgs where id = ${orgId}`,
    );
    const summary = await this.summary(ctx, orgId);
    const rooms = await this.rooms.listRooms(
      ctx,
      { orgId, page: 1, pageSize: FILING_ROOMS_MAX, sort: undefined },
      OP['office.read'],
      FILING_ROOMS_MAX,
    );
    const floors = await queryRows<{ id: number; name: string; building_name: string }>(
      this.core.db,
      sql`select distinct f.id, f.name, b.name as building_name, b.id as bid, f.level from office_floors f
          join office_buildings b on b.id = f.building_id join office_rooms r on r.floor_id = f.id
          where r.active and r.org_id = ${orgId} and f.plan is not null order by b.id, f.level`,
    );
    return {
      org: { id: orgId, name: info!.name, agencyLevel: info!.agency_level, staffing: num(info!.staffing) },
      summary,
      rooms: rooms.items,
      roomsTotal: rooms.total,
      floors: floors.map((f) => ({ id: num(f.id), name: f.name, buildingName: f.building_name })),
      generatedAt: new Date().toISOString(),
    };
  }
}

/** Shared by the overdue list and the daily reminder job. */
export async function overdueRecoveries(db: Executor, scope: ReturnType<typeof sql>, rule: AreaRule, onlyOverdue: boolean, day = today()) {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select oc.id, oc.person_id, p.name, p.status, p.status_since::text as status_since, oc.kind, oc.post_ended_on::text as post_ended_on,
          oc.room_id, r.number, b.name as building_name, o.name as org_name, oc.org_id
        from office_occupancies oc join people p on p.id = oc.person_id join office_rooms r on r.id = oc.room_id
        join office_buildings b on b.id = r.building_id left join orgs o on o.id = oc.org_id
        where ${currentOn(day)} and (p.status <> 'active' or oc.post_ended_on is not null) and ${scope}`,
  );
  const items = [];
  for (const r of rows) {
    const personLeft = r.status !== 'active';
    const since = personLeft ? String(r.status_since ?? day) : String(r.post_ended_on);
    const months = personLeft ? rule.recoverWithinMonths.transfer : rule.recoverWithinMonths.concurrentPost;
    const due = addMonths(since, months);
    const daysOverdue = daysBetween(due, day);
    if (onlyOverdue && daysOverdue <= 0) continue;
    items.push({
      occupancyId: num(r.id),
      personId: num(r.person_id),
      personName: String(r.name),
      personStatus: String(r.status),
      orgId: num(r.org_id),
      orgName: (r.org_name as string) ?? null,
      roomId: num(r.room_id),
      roomNumber: String(r.number),
      buildingName: String(r.building_name),
      kind: r.kind as 'primary',
      since,
      dueDate: due,
      daysOverdue,
    });
  }
  return items.sort((a, b) => b.daysOverdue - a.daysOverdue);
}

/** The area-standard rule version in force on `day`. */
export async function loadAreaRule(db: Executor, day = today()): Promise<{ rule: AreaRule; version: string }> {
  const row = await ruleInForce(db, OFFICE_AREA_RULE, day);
  if (!row) throw notFound('rule');
  return { rule: row.data, version: `${AREA_RULE}@${row.version}` };
}

/**
 * Findings for every active person matching `scope` (a condition on `p`, the people table).
 * Uses only `db`, so it runs inside any transaction (the approval hooks call it).
 */
export async function computeCompliance(
  db: Executor,
  scope: ReturnType<typeof sql>,
  q?: string,
): Promise<{ items: TComplianceItem[]; version: string; rule: AreaRule }> {
  const day = today();
  // At once on the pool; `both` runs them in sequence when `db` is a transaction's single client (the approval hooks pass one).
  const [[{ rule, version }, people], [occ, suites]] = await both(
    db,
    () =>
      both(
        db,
        () => loadAreaRule(db, day),
        () => officeRepository.peopleFacts(db, scope, q),
      ),
    () =>
      both(
        db,
        () => officeRepository.occupancyFacts(db, scope, day),
        () => officeRepository.suiteMembers(db),
      ),
  );
  const byPerson = new Map<number, OccupiedRoom[]>();
  for (const o of occ) {
    const list = byPerson.get(o.person_id) ?? [];
    list.push({
      roomId: o.room_id,
      number: o.number,
      area: Number(o.area),
      occupants: num(o.occupants),
      kind: o.kind,
      suite: suites.get(o.room_id) ?? [],
    });
    byPerson.set(o.person_id, list);
  }
  const items = people.map((p) => {
    const a = assess(rule, p.agency_level, p.post_level, byPerson.get(p.id) ?? []);
    return {
      personId: p.id,
      name: p.name,
      orgId: p.org_id,
      orgName: p.org_name,
      postTitle: p.post_title,
      postLevel: p.post_level,
      agencyLevel: p.agency_level,
      leader: isLeader(rule, p.agency_level, p.post_level),
      ...a,
    };
  });
  return { items, version, rule };
}
