import { z } from 'zod';
import { ZOkSchema, pageOf, ZPageNo, zPageSize } from '../common';
import { defineRoutes } from '../route';

export const ZNotificationSchema = z.object({
  id: z.number(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TNotification = z.infer<typeof ZNotificationSchema>;

/** The caller's own in-app notifications (core), defined once for the server and the web. */
export const notificationsApi = defineRoutes('notifications', {
  list: {
    method: 'GET',
    path: '/notifications',
    query: z.object({
      page: ZPageNo.default(1),
      pageSize: zPageSize({ max: 100 }),
      unread: z.enum(['true', 'false']).optional(),
    }),
    response: pageOf(ZNotificationSchema),
  },
  unreadCount: { method: 'GET', path: '/notifications/unread-count', response: z.object({ count: z.number() }) },
  read: { method: 'POST', path: '/notifications/:id/read', response: ZOkSchema },
  readAll: { method: 'POST', path: '/notifications/read-all', response: ZOkSchema },
});
