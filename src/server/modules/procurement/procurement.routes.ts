import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZIdParamSchema, ZOkSchema, pageOf } from '../../../contracts/common';
import {
  ZProjectCreateSchema,
  ZProjectQuerySchema,
  ZProjectSchema,
  ZProjectUpdateSchema,
  ZPlanCreateSchema,
  ZPlanQuerySchema,
  ZPlanSchema,
  ZPlanUpdateSchema,
  ZPublicItemSchema,
  ZPublicQuerySchema,
  ZQuoteCreateSchema,
  ZSavingsQuerySchema,
  ZSavingsSchema,
  ZSupplierCreateSchema,
  ZSupplierQuerySchema,
  ZSupplierSchema,
  ZSupplierUpdateSchema,
} from '../../../contracts/modules/procurement';
import { exportRows, requireAuth, sendXlsx } from '../../core';
import { PLAN_COLUMNS, PROJECT_COLUMNS, auditExport } from './procurement.excel';
import type { PlansService } from './plans.service';
import type { ProcurementService } from './procurement.service';

const BASE = '/api/v1/procurement';

/** Thin HTTP layer over the procurement service; the public list is the only route without sign-in. */
export async function procurementRoutes(appBase: FastifyInstance, opts: { svc: ProcurementService; plans: PlansService }) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const svc = opts.svc;
  const tags = ['procurement'];

  app.get(
    `${BASE}/savings`,
    {
      schema: {
        tags,
        summary: '节资率 over a scope and award period',
        querystring: ZSavingsQuerySchema,
        response: { 200: ZSavingsSchema },
      },
    },
    async (req) => svc.savings(requireAuth(req), req.query),
  );
  app.get(
    `${BASE}/breaches`,
    { schema: { tags, querystring: ZSavingsQuerySchema, response: { 200: pageOf(ZProjectSchema) } } },
    async (req) => svc.breaches(requireAuth(req), req.query),
  );
  app.get(
    `${BASE}/projects/export`,
    { schema: { tags, summary: 'The filtered projects as Excel', querystring: ZProjectQuerySchema.omit({ page: true, pageSize: true }) } },
    async (req, reply) => {
      const ctx = requireAuth(req);
      const { items, total } = await svc.list(ctx, { ...req.query, page: 1, pageSize: 20_000 });
      await auditExport(svc.db, ctx, 'procurement_project', `${items.length}/${total} rows; filter ${JSON.stringify(req.query)}`);
      const rows = items.map((p) => ({ ...p, breachText: p.breaches.map((b) => b.message).join('；') }));
      const buf = await exportRows(PROJECT_COLUMNS, rows, req.locale, req.locale === 'en' ? 'Projects' : '采购项目');
      return sendXlsx(reply, buf, req.locale === 'en' ? 'procurement-projects' : '政府采购项目');
    },
  );
  app.get(
    `${BASE}/projects`,
    { schema: { tags, querystring: ZProjectQuerySchema, response: { 200: pageOf(ZProjectSchema) } } },
    async (req) => svc.list(requireAuth(req), req.query),
  );
  app.get(`${BASE}/projects/:id`, { schema: { tags, params: ZIdParamSchema, response: { 200: ZProjectSchema } } }, async (req) =>
    svc.get(requireAuth(req), req.params.id),
  );
  app.post(`${BASE}/projects`, { schema: { tags, body: ZProjectCreateSchema, response: { 201: ZProjectSchema } } }, async (req, reply) =>
    reply.code(201).send(await svc.create(requireAuth(req), req.body)),
  );
  app.patch(
    `${BASE}/projects/:id`,
    { schema: { tags, params: ZIdParamSchema, body: ZProjectUpdateSchema, response: { 200: ZProjectSchema } } },
    async (req) => svc.update(requireAuth(req), req.params.id, req.body),
  );
  app.delete(`${BASE}/projects/:id`, { schema: { tags, params: ZIdParamSchema, response: { 200: ZOkSchema } } }, async (req) =>
    svc.remove(requireAuth(req), req.params.id),
  );
  app.post(
    `${BASE}/projects/:id/quotes`,
    { schema: { tags, params: ZIdParamSchema, body: ZQuoteCreateSchema, response: { 201: ZProjectSchema } } },
    async (req, reply) => reply.code(201).send(await svc.addQuote(requireAuth(req), req.params.id, req.body)),
  );
  // 四公开: what has been published, for anyone, without an account.
  app.get(
    '/api/v1/public/procurement',
    { schema: { tags, querystring: ZPublicQuerySchema, response: { 200: z.object({ items: z.array(ZPublicItemSchema) }) } } },
    async (req) => svc.publicList(req.query),
  );

  // 采购计划 and 定点供应商.
  const plans = opts.plans;
  app.get(
    `${BASE}/plans`,
    { schema: { tags, querystring: ZPlanQuerySchema, response: { 200: pageOf(ZPlanSchema).extend({ totalBudget: z.string() }) } } },
    async (req) => plans.plans(requireAuth(req), req.query),
  );
  app.get(
    `${BASE}/plans/export`,
    { schema: { tags, summary: 'The filtered plan lines as Excel', querystring: ZPlanQuerySchema.omit({ page: true, pageSize: true }) } },
    async (req, reply) => {
      const ctx = requireAuth(req);
      const { items, total } = await plans.plans(ctx, { ...req.query, page: 1, pageSize: 20_000 });
      await auditExport(svc.db, ctx, 'procurement_plan', `${items.length}/${total} rows; filter ${JSON.stringify(req.query)}`);
      const buf = await exportRows(PLAN_COLUMNS, items, req.locale, req.locale === 'en' ? 'Plans' : '采购计划');
      return sendXlsx(reply, buf, req.locale === 'en' ? 'procurement-plans' : '政府采购计划');
    },
  );
  app.get(`${BASE}/plans/:id`, { schema: { tags, params: ZIdParamSchema, response: { 200: ZPlanSchema } } }, async (req) =>
    plans.getPlan(requireAuth(req), req.params.id),
  );
  app.post(`${BASE}/plans`, { schema: { tags, body: ZPlanCreateSchema, response: { 201: ZPlanSchema } } }, async (req, reply) =>
    reply.code(201).send(await plans.createPlan(requireAuth(req), req.body)),
  );
  app.patch(
    `${BASE}/plans/:id`,
    { schema: { tags, params: ZIdParamSchema, body: ZPlanUpdateSchema, response: { 200: ZPlanSchema } } },
    async (req) => plans.updatePlan(requireAuth(req), req.params.id, req.body),
  );
  app.delete(`${BASE}/plans/:id`, { schema: { tags, params: ZIdParamSchema, response: { 200: ZOkSchema } } }, async (req) =>
    plans.removePlan(requireAuth(req), req.params.id),
  );
  app.get(
    `${BASE}/suppliers`,
    { schema: { tags, querystring: ZSupplierQuerySchema, response: { 200: pageOf(ZSupplierSchema) } } },
    async (req) => plans.suppliers(requireAuth(req), req.query),
  );
  app.get(`${BASE}/suppliers/:id`, { schema: { tags, params: ZIdParamSchema, response: { 200: ZSupplierSchema } } }, async (req) =>
    plans.getSupplier(requireAuth(req), req.params.id),
  );
  app.post(`${BASE}/suppliers`, { schema: { tags, body: ZSupplierCreateSchema, response: { 201: ZSupplierSchema } } }, async (req, reply) =>
    reply.code(201).send(await plans.createSupplier(requireAuth(req), req.body)),
  );
  app.patch(
    `${BASE}/suppliers/:id`,
    { schema: { tags, params: ZIdParamSchema, body: ZSupplierUpdateSchema, response: { 200: ZSupplierSchema } } },
    async (req) => plans.updateSupplier(requireAuth(req), req.params.id, req.body),
  );
}
