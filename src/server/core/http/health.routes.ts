import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../../db/client';

export async function healthRoutes(app: FastifyInstance, opts: { database: DatabaseHandle }) {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  /** Ready = the database answers and every migration this build ships is applied. */
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await opts.database.db.execute(sql`select 1`);
      const m = await opts.database.migrationState();
      if (m.applied < m.expected) return reply.status(503).send({ status: 'migrating', ...m });
      return { status: 'ready', database: opts.database.kind, migrations: m.applied };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });
}
