import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { notificationsApi } from '../../../contracts/core/notifications.api';
import type { Db } from '../../db/client';
import { requireAuth } from '../auth/auth.plugin';
import { notFound } from '../http/errors';
import { mountRoutes } from '../http/route';
import { notifications } from './notifications.schema';

/** The caller's own in-app notifications; anyone else's id is a 404. */
export async function notificationRoutes(app: FastifyInstance, opts: { db: Db }) {
  const { db } = opts;
  mountRoutes(app, notificationsApi, {
    list: async (req) => {
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
    unreadCount: async (req) => {
      const ctx = requireAuth(req);
      const [{ n }] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(notifications)
        .where(and(eq(notifications.accountId, ctx.account.id), isNull(notifications.readAt)));
      return { count: n };
    },
    read: async (req) => {
      const ctx = requireAuth(req);
      const rows = await db
        .update(notifications)
        .set({ readAt: new Date() })
        .where(and(eq(notifications.id, req.params.id), eq(notifications.accountId, ctx.account.id)))
        .returning({ id: notifications.id });
      if (!rows.length) throw notFound('notification');
      return { ok: true as const };
    },
    readAll: async (req) => {
      const ctx = requireAuth(req);
      await db
        .update(notifications)
        .set({ readAt: new Date() })
        .where(and(eq(notifications.accountId, ctx.account.id), isNull(notifications.readAt)));
      return { ok: true as const };
    },
  });
}
