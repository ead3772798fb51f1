import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people } from '../../src/server/core/people/people.schema';
import { orgs } from '../../src/server/core/org/org.schema';
import { hotPage, hotSelect, queryRows } from '../../src/server/db/client';
import { openTestDatabase } from '../helpers/app';

// The thin execution path (`hotSelect`, `hotPage`, `queryRows` on the driver) answers what
// drizzle's own execution answered: the same values and types (dates as text, numbers as
// numbers), the page's total also past the last page, and a transaction's own uncommitted rows.
let h: Awaited<ReturnType<typeof openTestDatabase>>;
let orgId: number;
beforeAll(async () => {
  h = await openTestDatabase();
  const [org] = await h.db
    .insert(orgs)
    .values({ tenantId: 1, parentId: null, path: '/', depth: 0, kind: 'bureau', name: 'Hot test bureau', agencyLevel: 'county' })
    .returning({ id: orgs.id });
  orgId = org!.id;
  await h.db.execute(sql`update orgs set path = ${`/${orgId}/`}, tenant_id = ${orgId} where id = ${orgId}`);
  await h.db.insert(people).values(
    ['丙', '甲', '乙'].map((name, i) => ({
      tenantId: orgId,
      orgId,
      name,
      postLevel: '160',
      staffingType: 'admin',
      status: 'active',
      statusSince: `2020-0${i + 1}-15`,
    })) as never,
  );
});
afterAll(async () => {
  await h.close();
});

const cols = { id: people.id, name: people.name, statusSince: people.statusSince, n: sql<number>`1 + 1`.mapWith(Number) };
const page = () =>
  hotPage('test.people', (qb) => ({
    count: qb
      .select({ n: sql<number>`count(*)::int` })
      .from(people)
      .where(eq(people.tenantId, sql.placeholder('tenant'))),
    page: qb
      .select(cols)
      .from(people)
      .where(eq(people.tenantId, sql.placeholder('tenant')))
      .orderBy(asc(people.name), asc(people.id))
      .limit(sql.placeholder('limit') as unknown as number)
      .offset(sql.placeholder('offset') as unknown as number),
  }));

describe('hot statements', () => {
  it('a page and its total in one statement, with drizzle’s values', async () => {
    const drizzleRows = await h.db
      .select(cols)
      .from(people)
      .where(eq(people.tenantId, orgId))
      .orderBy(asc(people.name), asc(people.id))
      .limit(2);
    const { total, rows } = await page()(h.db, { tenant: orgId, limit: 2, offset: 0 });
    expect(total).toBe(3);
    expect(rows).toEqual(drizzleRows);
    expect(rows).toHaveLength(2);
    expect(typeof rows[0]!.statusSince).toBe('string');
    expect(rows[0]!.n).toBe(2);
  });

  it('past the last page: no rows and still the total', async () => {
    expect(await page()(h.db, { tenant: orgId, limit: 2, offset: 10 })).toEqual({ total: 3, rows: [] });
    expect(await page()(h.db, { tenant: -1, limit: 2, offset: 0 })).toEqual({ total: 0, rows: [] });
  });

  it('inside a transaction: on its connection, its own rows seen', async () => {
    const names = hotSelect('test.names', (qb) =>
      qb
        .select({ name: people.name })
        .from(people)
        .where(eq(people.tenantId, sql.placeholder('tenant')))
        .orderBy(asc(people.id)),
    );
    await expect(
      h.db.transaction(async (tx) => {
        await tx
          .insert(people)
          .values({ tenantId: orgId, orgId, name: '丁', postLevel: '160', staffingType: 'admin', status: 'active' } as never);
        expect((await names(tx, { tenant: orgId })).map((r) => r.name)).toEqual(['丙', '甲', '乙', '丁']);
        expect((await page()(tx, { tenant: orgId, limit: 1, offset: 0 })).total).toBe(4);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await names(h.db, { tenant: orgId })).map((r) => r.name)).toEqual(['丙', '甲', '乙']);
  });

  it('a missing placeholder value is an error, not a NULL', async () => {
    await expect(page()(h.db, { tenant: orgId, limit: 2 })).rejects.toThrow('offset');
  });

  it('queryRows on the driver: the values drizzle’s execute gives (dates as text, integers as numbers)', async () => {
    const q = sql`select date '2026-01-02' as d, timestamptz '2026-01-02 03:04:05+00' as t, ${7}::int as i, 9007199254740993::int8 as b, 1.10::numeric as m`;
    const rows = await queryRows<{ d: string; t: string; i: number }>(h.db, q);
    expect(rows).toEqual(((await h.db.execute(q)) as unknown as { rows: unknown[] }).rows);
    expect(rows[0]).toMatchObject({ d: '2026-01-02', t: expect.stringMatching(/^2026-01-02 0\d:04:05/), i: 7 });
  });
});
