import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZOkSchema } from '../../../contracts/common';
import {
  ZCalendarDaySchema,
  ZCalendarDayUpsertSchema,
  ZCodeItemSchema,
  ZCodeItemUpsertSchema,
  ZRuleTableSchema,
  ZRulePreviewSchema,
  ZRuleVersionCreateSchema,
  ZWorkingDaySchema,
} from '../../../contracts/core/refdata';
import { requireAuth } from '../auth/auth.plugin';
import type { RefdataService } from './refdata.service';

const ZListName = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/);
const ZCode = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/);
const ZDay = z.string().date();
const rule = (r: { createdAt: Date } & Record<string, unknown>) => ({ ...r, createdAt: r.createdAt.toISOString() }) as never;

export async function refdataRoutes(appBase: FastifyInstance, opts: { refdata: RefdataService }) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const svc = opts.refdata;
  const tags = ['reference data'];

  app.get(
    '/api/v1/refdata/lists',
    { schema: { tags, response: { 200: z.object({ items: z.array(z.object({ list: z.string(), count: z.number() })) }) } } },
    async (req) => ({
      items: await svc.lists(requireAuth(req)),
    }),
  );
  app.get(
    '/api/v1/refdata/lists/:list',
    {
      schema: {
        tags,
        params: z.object({ list: ZListName }),
        querystring: z.object({ active: z.enum(['true', 'false']).optional() }),
        response: { 200: z.object({ items: z.array(ZCodeItemSchema) }) },
      },
    },
    async (req) => ({ items: (await svc.items(requireAuth(req), req.params.list, req.query.active === 'true')) as never }),
  );
  app.put(
    '/api/v1/refdata/lists/:list/:code',
    {
      schema: {
        tags,
        summary: 'Create or edit a code (no hard delete: set active=false)',
        params: z.object({ list: ZListName, code: ZCode }),
        body: ZCodeItemUpsertSchema,
        response: { 200: ZCodeItemSchema },
      },
    },
    async (req) => (await svc.upsertItem(requireAuth(req), req.params.list, req.params.code, req.body)) as never,
  );

  app.get(
    '/api/v1/refdata/rules',
    { schema: { tags, response: { 200: z.object({ items: z.array(ZRuleTableSchema) }) } } },
    async (req) => ({
      items: (await svc.rules(requireAuth(req))).map(rule),
    }),
  );
  app.get(
    '/api/v1/refdata/rules/:name',
    { schema: { tags, params: z.object({ name: ZListName }), response: { 200: z.object({ items: z.array(ZRuleTableSchema) }) } } },
    async (req) => ({
      items: (await svc.ruleVersions(requireAuth(req), req.params.name)).map(rule),
    }),
  );
  app.post(
    '/api/v1/refdata/rules/:name',
    {
      schema: {
        tags,
        summary: 'Publish a new version of a rule table',
        params: z.object({ name: ZListName }),
        body: ZRuleVersionCreateSchema,
        response: { 200: ZRuleTableSchema },
      },
    },
    async (req) => rule(await svc.addRuleVersion(requireAuth(req), req.params.name, req.body)),
  );
  app.post(
    '/api/v1/refdata/rules/:name/preview',
    {
      schema: {
        tags,
        summary: 'Check a candidate version and show what publishing it would change (writes nothing)',
        params: z.object({ name: ZListName }),
        body: ZRuleVersionCreateSchema,
        response: { 200: ZRulePreviewSchema },
      },
    },
    async (req) => svc.previewRuleVersion(requireAuth(req), req.params.name, req.body),
  );

  const ctags = ['calendar'];
  app.get(
    '/api/v1/calendar',
    {
      schema: {
        tags: ctags,
        summary: 'Holidays and make-up working days of a year',
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
        response: { 200: z.object({ year: z.number(), complete: z.boolean(), days: z.array(ZCalendarDaySchema) }) },
      },
    },
    async (req) => {
      const days = await svc.calendar(requireAuth(req), req.query.year);
      return { year: req.query.year, complete: days.some((d) => d.kind === 'holiday'), days: days as never };
    },
  );
  app.put(
    '/api/v1/calendar/:day',
    { schema: { tags: ctags, params: z.object({ day: ZDay }), body: ZCalendarDayUpsertSchema, response: { 200: ZOkSchema } } },
    async (req) => {
      await svc.setDay(requireAuth(req), req.params.day, req.body);
      return { ok: true as const };
    },
  );
  app.delete(
    '/api/v1/calendar/:day',
    { schema: { tags: ctags, params: z.object({ day: ZDay }), response: { 200: ZOkSchema } } },
    async (req) => {
      await svc.deleteDay(requireAuth(req), req.params.day);
      return { ok: true as const };
    },
  );
  app.get(
    '/api/v1/calendar/working-day',
    {
      schema: {
        tags: ctags,
        summary: 'Is this date a working day?',
        querystring: z.object({ date: ZDay }),
        response: { 200: ZWorkingDaySchema },
      },
    },
    async (req) => {
      requireAuth(req);
      return svc.describeDay(req.query.date);
    },
  );
  app.get(
    '/api/v1/calendar/add-working-days',
    {
      schema: {
        tags: ctags,
        querystring: z.object({ date: ZDay, days: z.coerce.number().int().min(0).max(3650) }),
        response: { 200: z.object({ date: z.string() }) },
      },
    },
    async (req) => {
      requireAuth(req);
      return { date: await svc.addWorkingDays(req.query.date, req.query.days) };
    },
  );
}
