import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Executor, concurrently, queryRows } from '../../src/server/db/client';
import { openTestDatabase } from '../helpers/app';

// `concurrently` runs reads at once on the pool and one after another inside a transaction
// (one connection: node-postgres would only queue the second, a deprecated path pg 9 refuses).
let h: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  h = await openTestDatabase();
});
afterAll(async () => {
  await h.close();
});

/** A read that logs when it starts and ends. */
const read = (db: Executor, log: string[], name: string, value: number) => async () => {
  log.push(`start ${name}`);
  const [r] = await queryRows<{ v: number }>(db, sql`select ${value}::int as v, pg_sleep(0.02)`);
  log.push(`end ${name}`);
  return r!.v;
};

describe('concurrently', () => {
  it('inside a transaction: each read starts after the one before ended, results in order', async () => {
    const log: string[] = [];
    const out = await h.db.transaction((tx) =>
      concurrently(tx, read(tx, log, 'a', 1), read(tx, log, 'b', 2), () => 'plain', read(tx, log, 'c', 3)),
    );
    expect(out).toEqual([1, 2, 'plain', 3]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('outside a transaction: every read has started before the first ends, results in order', async () => {
    const log: string[] = [];
    const out = await concurrently(h.db, read(h.db, log, 'a', 1), read(h.db, log, 'b', 2));
    expect(out).toEqual([1, 2]);
    expect(log.slice(0, 2).sort()).toEqual(['start a', 'start b']);
  });
});
