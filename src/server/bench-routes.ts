import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { CoreServices } from './core';
import type { AuthContext } from './core/rbac/context';
import { peopleRepository } from './core/people/people.repository';
import { queryRows } from './db/client';

/**
 * Only for `npm run bench` (HOUQIN_BENCH_ROUTES=true): the same repository query as
 * GET /api/v1/people, with the manager's scope resolved once, and none of the per-request
 * work (session lookup, grants, zod validation and serialisation). The ratio between the two
 * is the cost of the platform's safety.
 */
export async function benchRoutes(app: FastifyInstance, core: CoreServices) {
  let ctx: AuthContext | null = null;
  app.get('/bench/people-bare', async (req) => {
    if (!ctx) {
      const [acc] = await queryRows<{ id: number }>(core.db, sql`select id from accounts where username = 'manager'`);
      ctx = await core.auth.contextFor(core.db, await core.auth.requireAccount(acc!.id), null, 'zh-CN', 'session');
    }
    const q = req.query as { page?: string; pageSize?: string; sort?: 'name' };
    const pageSize = Number(q.pageSize ?? 50);
    const page = Number(q.page ?? 1);
    const { total, rows } = await peopleRepository.list(
      core.db,
      ctx,
      'people.read',
      { page, pageSize, sort: q.sort },
      pageSize,
      (page - 1) * pageSize,
    );
    return { total, items: rows };
  });
  // The floor: the simplest SQL that answers "page N of 50 by name, with the total" (four
  // columns, no joins, no scope), straight on the driver (node-postgres' pool, or PGlite).
  const client = (core.db as unknown as { $client: { query: (text: string, params?: unknown[]) => Promise<{ rows: unknown[] }> } }).$client;
  app.get('/bench/people-simple', async (req) => {
    const q = req.query as { page?: string; pageSize?: string };
    const pageSize = Number(q.pageSize ?? 50);
    const page = Number(q.page ?? 1);
    const [count, rows] = [
      await client.query('select count(*)::int as n from people'),
      await client.query('select id, name, org_id, post_level from people order by name, id limit $1 offset $2', [
        pageSize,
        (page - 1) * pageSize,
      ]),
    ];
    return { total: (count.rows[0] as { n: number }).n, items: rows.rows };
  });
  // Houqin's two statements as SQL text straight on the driver: how much of the gap to the
  // simplest route is the statements and how much the query builder.
  app.get('/bench/people-raw', async (req) => {
    const q = req.query as { page?: string; pageSize?: string };
    const pageSize = Number(q.pageSize ?? 50);
    const page = Number(q.page ?? 1);
    const [count, rows] = await Promise.all([
      client.query('select count(*)::int as n from people where tenant_id = $1', [1]),
      client.query(
        'select id, org_id, dept_id, name, gender, post_title, rank_code, post_level, staffing_type, status, status_since, phone_tail, employee_no from people where tenant_id = $1 order by name, id limit $2 offset $3',
        [1, pageSize, (page - 1) * pageSize],
      ),
    ]);
    return { total: (count.rows[0] as { n: number }).n, items: rows.rows };
  });
}
