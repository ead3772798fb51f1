import type { FastifyInstance } from 'fastify';
import { procurementApi } from '../../../contracts/modules/procurement.api';
import { batchedRows, mapRows, mountRoutes, requireAuth, streamXlsx } from '../../core';
import { PLAN_COLUMNS, PROJECT_COLUMNS, auditExport } from './procurement.excel';
import type { PlansService } from './plans.service';
import type { ProcurementService } from './procurement.service';

/** Thin HTTP layer over the procurement service (routes defined in procurementApi); the public list is the only route without sign-in. */
export async function procurementRoutes(app: FastifyInstance, opts: { svc: ProcurementService; plans: PlansService }) {
  const svc = opts.svc;
  const plans = opts.plans;
  mountRoutes(app, procurementApi, {
    savings: async (req) => svc.savings(requireAuth(req), req.query),
    breaches: async (req) => svc.breaches(requireAuth(req), req.query),
    exportProjects: async (req, reply) => {
      const ctx = requireAuth(req);
      const src = await batchedRows((page, pageSize) => svc.list(ctx, { ...req.query, page, pageSize }), { max: 20_000 });
      await auditExport(svc.db, ctx, 'procurement_project', `${src.count}/${src.total} rows; filter ${JSON.stringify(req.query)}`);
      return streamXlsx(reply, {
        columns: PROJECT_COLUMNS,
        rows: mapRows(src.rows, (p) => ({ ...p, breachText: p.breaches.map((b) => b.message).join('；') })),
        locale: req.locale,
        sheetName: req.locale === 'en' ? 'Projects' : '采购项目',
        fileName: req.locale === 'en' ? 'procurement-projects' : '政府采购项目',
      });
    },
    projects: async (req) => svc.list(requireAuth(req), req.query),
    project: async (req) => svc.get(requireAuth(req), req.params.id),
    createProject: async (req) => svc.create(requireAuth(req), req.body),
    updateProject: async (req) => svc.update(requireAuth(req), req.params.id, req.body),
    removeProject: async (req) => svc.remove(requireAuth(req), req.params.id),
    addQuote: async (req) => svc.addQuote(requireAuth(req), req.params.id, req.body),
    // 四公开: no requireAuth on purpose.
    publicList: async (req) => svc.publicList(req.query),
    plans: async (req) => plans.plans(requireAuth(req), req.query),
    exportPlans: async (req, reply) => {
      const ctx = requireAuth(req);
      const src = await batchedRows((page, pageSize) => plans.plans(ctx, { ...req.query, page, pageSize }), { max: 20_000 });
      await auditExport(svc.db, ctx, 'procurement_plan', `${src.count}/${src.total} rows; filter ${JSON.stringify(req.query)}`);
      return streamXlsx(reply, {
        columns: PLAN_COLUMNS,
        rows: src.rows,
        locale: req.locale,
        sheetName: req.locale === 'en' ? 'Plans' : '采购计划',
        fileName: req.locale === 'en' ? 'procurement-plans' : '政府采购计划',
      });
    },
    plan: async (req) => plans.getPlan(requireAuth(req), req.params.id),
    createPlan: async (req) => plans.createPlan(requireAuth(req), req.body),
    updatePlan: async (req) => plans.updatePlan(requireAuth(req), req.params.id, req.body),
    removePlan: async (req) => plans.removePlan(requireAuth(req), req.params.id),
    suppliers: async (req) => plans.suppliers(requireAuth(req), req.query),
    supplier: async (req) => plans.getSupplier(requireAuth(req), req.params.id),
    createSupplier: async (req) => plans.createSupplier(requireAuth(req), req.body),
    updateSupplier: async (req) => plans.updateSupplier(requireAuth(req), req.params.id, req.body),
  });
}
