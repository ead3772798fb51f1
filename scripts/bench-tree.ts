/**
 * Subtree queries at 10,000 org nodes, in process: builds a tree (root → 100 bureaus/units →
 * 99 departments each), then times the scoped subtree listing and a scope check.
 */
import { sql } from 'drizzle-orm';
import { OrgService, orgRepository } from '../src/server/core/bootstrap';
import { AuthContext } from '../src/server/core/index';
import { type DatabaseHandle, queryRows } from '../src/server/db/client';

export async function benchTree(h: DatabaseHandle): Promise<string[]> {
  const svc = new OrgService(h.db);
  const out: string[] = [];
  const t0 = performance.now();
  const { root, units } = await h.db.transaction(async (tx) => {
    const root = await svc.insertUnder(tx, null, { name: 'bench root', kind: 'bureau', agencyLevel: 'city' });
    const units = [];
    for (let u = 0; u < 100; u++) {
      const unit = await svc.insertUnder(tx, root, { name: `unit ${u}`, kind: 'unit', agencyLevel: 'county' });
      units.push(unit);
      // Departments in bulk: path is derived from the id, so insert then fix paths in one statement.
      await tx.execute(sql`insert into orgs (tenant_id, parent_id, path, depth, kind, name, agency_level)
        select ${root.id}, ${unit.id}, '', 2, 'department', 'dept ' || g, 'county' from generate_series(1, 99) g`);
      await tx.execute(sql`update orgs set path = ${unit.path} || id || '/' where parent_id = ${unit.id}`);
    }
    return { root, units };
  });
  const [{ n }] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from orgs where tenant_id = ${root.id}`);
  out.push(`built ${n} org nodes in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const ctx = new AuthContext(
    { id: 1, username: 'b', displayName: 'b', orgId: root.id, tenantId: root.id, personId: null },
    [{ permission: 'org.read', orgId: root.id, path: root.path, subtree: true }],
    null,
    'zh-CN',
    'session',
  );
  const time = async (label: string, fn: () => Promise<unknown>, reps = 50) => {
    await fn();
    const t = performance.now();
    for (let i = 0; i < reps; i++) await fn();
    out.push(`${label}: ${((performance.now() - t) / reps).toFixed(2)} ms`);
  };
  await time('whole tree listed in scope (10,000 rows)', () => orgRepository.list(h.db, ctx, 'org.read', { status: 'active' }), 10);
  await time('one unit subtree (100 rows) by path prefix', () =>
    orgRepository.list(h.db, ctx, 'org.read', { status: 'active', rootPath: units[57]!.path }),
  );
  await time('scope check of one deep node', async () => ctx.covers('org.read', (await orgRepository.byId(h.db, units[42]!.id + 50))!));
  return out;
}
