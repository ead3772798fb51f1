import type { FastifyInstance } from 'fastify';
import { calendarApi, refdataApi } from '../../../contracts/core/refdata.api';
import { requireAuth } from '../auth/auth.plugin';
import { mountRoutes } from '../http/route';
import type { RefdataService } from './refdata.service';

const rule = (r: { createdAt: Date } & Record<string, unknown>) => ({ ...r, createdAt: r.createdAt.toISOString() }) as never;

export async function refdataRoutes(app: FastifyInstance, opts: { refdata: RefdataService }) {
  const svc = opts.refdata;
  mountRoutes(app, refdataApi, {
    lists: async (req) => ({ items: await svc.lists(requireAuth(req)) }),
    items: async (req) => ({ items: (await svc.items(requireAuth(req), req.params.list, req.query.active === 'true')) as never }),
    upsertItem: async (req) => (await svc.upsertItem(requireAuth(req), req.params.list, req.params.code, req.body)) as never,
    rules: async (req) => ({ items: (await svc.rules(requireAuth(req))).map(rule) }),
    ruleVersions: async (req) => ({ items: (await svc.ruleVersions(requireAuth(req), req.params.name)).map(rule) }),
    addRuleVersion: async (req) => rule(await svc.addRuleVersion(requireAuth(req), req.params.name, req.body)),
    previewRuleVersion: async (req) => svc.previewRuleVersion(requireAuth(req), req.params.name, req.body),
  });

  mountRoutes(app, calendarApi, {
    year: async (req) => {
      const days = await svc.calendar(requireAuth(req), req.query.year);
      return { year: req.query.year, complete: days.some((d) => d.kind === 'holiday'), days: days as never };
    },
    setDay: async (req) => {
      await svc.setDay(requireAuth(req), req.params.day, req.body);
      return { ok: true as const };
    },
    deleteDay: async (req) => {
      await svc.deleteDay(requireAuth(req), req.params.day);
      return { ok: true as const };
    },
    workingDay: async (req) => {
      requireAuth(req);
      return svc.describeDay(req.query.date);
    },
    addWorkingDays: async (req) => {
      requireAuth(req);
      return { date: await svc.addWorkingDays(req.query.date, req.query.days) };
    },
  });
}
