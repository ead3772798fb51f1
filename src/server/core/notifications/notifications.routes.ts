import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZIdParamSchema, ZOkSchema, pageOf } from '../../../contracts/common';
import type { Db } from '../../db/client';
import { requireAuth } from '../auth/auth.plugin';
import { notFound } from '../http/errors';
import { notifications } from './notifications.schema';

const ZNotificationSchema = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});

/** The caller's own in-app notifications; anyone else's id is a 404. */
export async function notificationRoutes(appBase: FastifyInstance, opts: { db: Db }) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const { db } = opts;
  const tags = ['notifications'];

  app.get(
    '/api/v1/notifications',
    {
      schema: {
        tags,
        querystring: z.object({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
          unread: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: pageOf(ZNotificationSchema) },
      },
    },
    async (req) => {
      const ctx = requireAuth(req);
      const where = and(
        eq(notifications.accountId, ctx.account.id),
        req.query.unread === 'true' ? isNull(notifications.readAt) : undefined,
      );
      const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(where);
      const rows = await db
        .select()
        .from(notifications)
        .where(where)
        .orderBy(desc(notifications.id))
        .limit(req.query.pageSize)
        .offset((req.query.page - 1) * req.query.pageSize);
      return {
        total: n,
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          title: req.locale === 'en' ? r.titleEn : r.titleZh,
          body: r.body,
          link: r.link,
          readAt: r.readAt?.toISOString() ?? null,
          createdAt: r.createdAt.toISOString(),
        })),
      };
    },
  );
  app.get('/api/v1/notifications/unread-count', { schema: { tags, response: { 200: z.object({ count: z.number() }) } } }, async (req) => {
    const ctx = requireAuth(req);
    const [{ n }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.accountId, ctx.account.id), isNull(notifications.readAt)));
    return { count: n };
  });
  app.post('/api/v1/notifications/:id/read', { schema: { tags, params: ZIdParamSchema, response: { 200: ZOkSchema } } }, async (req) => {
    const ctx = requireAuth(req);
    const rows = await db
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.id, req.params.id), eq(notifications.accountId, ctx.account.id)))
      .returning({ id: notifications.id });
    if (!rows.length) throw notFound('notification');
    return { ok: true as const };
  });
  app.post('/api/v1/notifications/read-all', { schema: { tags, response: { 200: ZOkSchema } } }, async (req) => {
    const ctx = requireAuth(req);
    await db
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.accountId, ctx.account.id), isNull(notifications.readAt)));
    return { ok: true as const };
  });
}
