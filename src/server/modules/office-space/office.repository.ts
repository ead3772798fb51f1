import { type SQL, sql } from 'drizzle-orm';
import { type AuthContext, type Executor, assertOrgInScope, notFound, num, queryRows, scopeOn, cnToday } from '../../core';
import { OP } from './office.permissions';
import type { officeRooms } from './office.schema';

/**
 * Read queries of the office-space module. Every query takes a scope condition built by
 * `scopeOn`, so nothing outside the caller's org subtree is ever read.
 */
/** Today in China, from the core clock: the registry's "today" (over-standard, recovery deadlines, occupancy). */
export const today = () => cnToday();
export { scopeOn };

/** Current occupancy: started on or before the day and not ended before it. */
export const currentOn = (day: string, alias: 'oc' | 'o2' = 'oc') => {
  const a = sql.raw(alias);
  return sql`${a}.start_date <= ${day}::date and (${a}.end_date is null or ${a}.end_date >= ${day}::date)`;
};

/** Sort whitelists: `field` or `-field` from the client, mapped to SQL (room and occupancy lists). */
export function orderBy(sort: string | undefined, allowed: Record<string, string>, fallback: string) {
  const desc_ = sort?.startsWith('-');
  const col = allowed[(sort ?? '').replace(/^-/, '')];
  return sql.raw(col ? `${col} ${desc_ ? 'desc' : 'asc'}, 1` : fallback);
}

/**
 * A room in the caller's scope (404 otherwise), locked `for update` when asked: the rooms and
 * the occupancy services both check a room this way before changing it or what is in it.
 */
export async function roomRow(db: Executor, ctx: AuthContext, id: number, permission: string = OP['office.read'], lock = false) {
  const rows = await queryRows<typeof officeRooms.$inferSelect & Record<string, unknown>>(
    db,
    sql`select id, floor_id as "floorId", building_id as "buildingId", site_id as "siteId", org_id as "orgId", number,
          use_class as "useClass", use_type as "useType", area, status, single_occupant as "singleOccupant",
          suite_of_id as "suiteOfId", note, active, tenant_id as "tenantId"
        from office_rooms where id = ${id} and tenant_id = ${ctx.tenantId} ${lock ? sql`for update` : sql``}`,
  );
  const r = rows[0];
  if (!r) throw notFound('room');
  await assertOrgInScope(db, ctx, permission, r.orgId).catch(() => {
    throw notFound('room');
  });
  return { ...r, area: num(r.area) };
}

export type PersonFact = {
  id: number;
  name: string;
  org_id: number;
  org_name: string | null;
  agency_level: string;
  post_title: string | null;
  post_level: string;
};
export type OccupancyFact = {
  person_id: number;
  kind: 'primary' | 'concurrent';
  room_id: number;
  number: string;
  area: string;
  occupants: number;
};

export const officeRepository = {
  /** Active people in scope with what the standard needs (unit agency level, post level). */
  async peopleFacts(db: Executor, scope: SQL, q?: string): Promise<PersonFact[]> {
    return queryRows<PersonFact>(
      db,
      sql`select p.id, p.name, p.org_id, o.name as org_name, o.agency_level, p.post_title, p.post_level
          from people p join orgs o on o.id = p.org_id
          where p.status = 'active' and ${scope} ${q ? sql`and p.name like ${`%${q}%`}` : sql``}`,
    );
  },

  /** Today's occupancies of the people in scope, with each room's current occupant count. */
  async occupancyFacts(db: Executor, scope: SQL, day: string): Promise<OccupancyFact[]> {
    return queryRows<OccupancyFact>(
      db,
      sql`with cur as (
            select oc.person_id, oc.kind, oc.room_id, count(*) over (partition by oc.room_id) as occupants
            from office_occupancies oc where ${currentOn(day)})
          select cur.person_id, cur.kind, cur.room_id, r.number, r.area, cur.occupants::int as occupants
          from cur join office_rooms r on r.id = cur.room_id join people p on p.id = cur.person_id
          where p.status = 'active' and ${scope}`,
    );
  },

  /** Rest rooms and toilets of leader suites, by the suite's office. */
  async suiteMembers(db: Executor): Promise<Map<number, { useType: string; area: number }[]>> {
    const rows = await queryRows<{ suite_of_id: number; use_type: string; area: string }>(
      db,
      sql`select suite_of_id, use_type, area from office_rooms where active and suite_of_id is not null`,
    );
    const m = new Map<number, { useType: string; area: number }[]>();
    for (const r of rows) {
      const list = m.get(r.suite_of_id) ?? [];
      list.push({ useType: r.use_type, area: Number(r.area) });
      m.set(r.suite_of_id, list);
    }
    return m;
  },
};
