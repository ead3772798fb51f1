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
    const q = req.query as { page?: string; pageSize?: string };
    const pageSize = Number(q.pageSize ?? 50);
    const page = Number(q.page ?? 1);
    const { total, rows } = await peopleRepository.list(core.db, ctx, 'people.read', { page, pageSize }, pageSize, (page - 1) * pageSize);
    return { total, items: rows.map((r) => ({ ...r, phoneEnc: undefined, idNumberEnc: undefined, idNumberIndex: undefined })) };
  });
}
