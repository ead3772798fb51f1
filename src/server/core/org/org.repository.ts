import { and, asc, eq, like, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { AuthContext } from '../rbac/context';
import { inScope } from '../rbac/scope';
import { orgs } from './org.schema';

export type OrgRow = typeof orgs.$inferSelect;

export const orgRepository = {
  async byId(db: Executor, id: number): Promise<OrgRow | undefined> {
    const [row] = await db.select().from(orgs).where(eq(orgs.id, id));
    return row;
  },

  async list(
    db: Executor,
    ctx: AuthContext,
    permission: string,
    f: { rootPath?: string; kind?: string; status: string; q?: string },
  ): Promise<OrgRow[]> {
    const conds = [inScope(ctx, permission, orgs.id)];
    if (f.rootPath) conds.push(like(orgs.path, `${f.rootPath}%`));
    if (f.kind) conds.push(eq(orgs.kind, f.kind));
    if (f.status !== 'all') conds.push(eq(orgs.status, f.status));
    if (f.q) conds.push(or(like(orgs.name, `%${f.q}%`), like(orgs.shortName, `%${f.q}%`))!);
    return db
      .select()
      .from(orgs)
      .where(and(...conds))
      .orderBy(asc(orgs.depth), asc(orgs.sort), asc(orgs.id));
  },

  /** Nearest ancestor-or-self of the given kind, read off the path (no recursion needed). */
  async nearestOfKind(db: Executor, org: OrgRow, kind: string): Promise<OrgRow | undefined> {
    const ids = org.path.split('/').filter(Boolean).map(Number);
    const rows = await db.select().from(orgs).where(sql`${orgs.id} in ${ids} and ${orgs.kind} = ${kind}`);
    return rows.sort((a, b) => b.depth - a.depth)[0];
  },

  async insert(db: Executor, values: typeof orgs.$inferInsert): Promise<OrgRow> {
    const [row] = await db.insert(orgs).values(values).returning();
    return row!;
  },

  async update(db: Executor, id: number, values: Partial<typeof orgs.$inferInsert>): Promise<OrgRow> {
    const [row] = await db
      .update(orgs)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(orgs.id, id))
      .returning();
    return row!;
  },

  /** Rewrites the path prefix and depth of a whole subtree in one statement. */
  async moveSubtree(db: Executor, oldPath: string, newPath: string, depthDelta: number): Promise<void> {
    await db.execute(sql`
      update ${orgs} set path = ${newPath} || substr(path, ${oldPath.length + 1}),
        depth = depth + ${depthDelta}, updated_at = now()
      where path like ${`${oldPath}%`}`);
  },

  async countActiveChildren(db: Executor, id: number): Promise<number> {
    const [r] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(orgs)
      .where(and(eq(orgs.parentId, id), eq(orgs.status, 'active')));
    return r?.n ?? 0;
  },
};
