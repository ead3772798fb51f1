import { type SQL, and, asc, desc, eq, ilike, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { TPeopleQuery } from '../../../contracts/core/people';
import type { Executor } from '../../db/client';
import { orgs } from '../org/org.schema';
import type { AuthContext } from '../rbac/context';
import { inScope } from '../rbac/scope';
import { people, personStatusHistory } from './people.schema';

const dept = alias(orgs, 'dept');

const SORTS: Record<string, SQL> = {
  name: asc(people.name),
  '-name': desc(people.name),
  postLevel: asc(people.postLevel),
  '-postLevel': desc(people.postLevel),
  orgId: asc(people.orgId),
  '-orgId': desc(people.orgId),
  status: asc(people.status),
  '-status': desc(people.status),
  employeeNo: asc(people.employeeNo),
  '-employeeNo': desc(people.employeeNo),
};

export type PersonRow = typeof people.$inferSelect & { orgName: string; deptName: string | null };

/** References that forbid deleting a person. Modules register theirs (room occupancy, drivers …). */
type PersonReferenceCheck = (db: Executor, personId: number) => Promise<number>;
const personReferenceChecks: PersonReferenceCheck[] = [];
export function registerPersonReferenceCheck(check: PersonReferenceCheck) {
  personReferenceChecks.push(check);
}

export const peopleRepository = {
  /**
   * The scoped, filtered, paginated list: one count and one page query, both driven by the
   * org-path index; names of unit and department come from joins, never per row.
   */
  async list(
    db: Executor,
    ctx: AuthContext,
    permission: string,
    q: Omit<TPeopleQuery, 'orgId'> & { orgPath?: string },
    limit = q.pageSize,
    offset = (q.page - 1) * q.pageSize,
  ) {
    const conds: SQL[] = [inScope(ctx, permission, people.orgId)];
    if (q.orgPath) conds.push(sql`${people.orgId} in (select id from orgs where path like ${`${q.orgPath}%`})`);
    if (q.deptId) conds.push(eq(people.deptId, q.deptId));
    if (q.status) conds.push(eq(people.status, q.status));
    if (q.postLevel) conds.push(eq(people.postLevel, q.postLevel));
    if (q.staffingType) conds.push(eq(people.staffingType, q.staffingType));
    if (q.q) conds.push(or(ilike(people.name, `%${q.q}%`), eq(people.employeeNo, q.q), eq(people.phoneTail, q.q))!);
    const where = and(...conds);
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(people).where(where);
    const rows = await db
      .select({ p: people, orgName: orgs.name, deptName: dept.name })
      .from(people)
      .innerJoin(orgs, eq(orgs.id, people.orgId))
      .leftJoin(dept, eq(dept.id, people.deptId))
      .where(where)
      .orderBy(SORTS[q.sort ?? 'orgId'] ?? asc(people.orgId), asc(people.id))
      .limit(limit)
      .offset(offset);
    return { total: n, rows: rows.map((r) => ({ ...r.p, orgName: r.orgName, deptName: r.deptName })) };
  },

  async byId(db: Executor, id: number): Promise<(PersonRow & { orgPath: string }) | undefined> {
    const [r] = await db
      .select({ p: people, orgName: orgs.name, orgPath: orgs.path, deptName: dept.name })
      .from(people)
      .innerJoin(orgs, eq(orgs.id, people.orgId))
      .leftJoin(dept, eq(dept.id, people.deptId))
      .where(eq(people.id, id));
    return r ? { ...r.p, orgName: r.orgName, orgPath: r.orgPath, deptName: r.deptName } : undefined;
  },

  async insert(db: Executor, values: typeof people.$inferInsert) {
    const [row] = await db.insert(people).values(values).returning();
    return row!;
  },

  async insertMany(db: Executor, values: (typeof people.$inferInsert)[]) {
    for (let i = 0; i < values.length; i += 500) await db.insert(people).values(values.slice(i, i + 500));
  },

  async update(db: Executor, id: number, values: Partial<typeof people.$inferInsert>) {
    const [row] = await db
      .update(people)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(people.id, id))
      .returning();
    return row!;
  },

  async statusHistory(db: Executor, personId: number) {
    return db
      .select()
      .from(personStatusHistory)
      .where(eq(personStatusHistory.personId, personId))
      .orderBy(asc(personStatusHistory.effectiveFrom), asc(personStatusHistory.id));
  },

  async addStatus(db: Executor, personId: number, status: string, effectiveFrom: string, note?: string) {
    await db.insert(personStatusHistory).values({ personId, status, effectiveFrom, note: note ?? null });
  },

  async references(db: Executor, personId: number): Promise<number> {
    const [r] = await db
      .select({ n: sql<number>`(select count(*)::int from accounts where person_id = ${personId})` })
      .from(sql`(select 1) x`);
    let n = r?.n ?? 0;
    for (const check of personReferenceChecks) n += await check(db, personId);
    return n;
  },

  async deleteWithHistory(db: Executor, personId: number) {
    await db.delete(personStatusHistory).where(eq(personStatusHistory.personId, personId));
    await db.delete(people).where(eq(people.id, personId));
  },
};
