import { z } from 'zod';
import { ZOkSchema, pageOf } from '../common';
import { defineRoutes } from '../route';
import {
  ZPlanCreateSchema,
  ZPlanQuerySchema,
  ZPlanSchema,
  ZPlanUpdateSchema,
  ZProjectCreateSchema,
  ZProjectQuerySchema,
  ZProjectSchema,
  ZProjectUpdateSchema,
  ZPublicItemSchema,
  ZPublicQuerySchema,
  ZQuoteCreateSchema,
  ZBreachQuerySchema,
  ZSavingsQuerySchema,
  ZSavingsSchema,
  ZSupplierCreateSchema,
  ZSupplierQuerySchema,
  ZSupplierSchema,
  ZSupplierUpdateSchema,
} from './procurement';

/** The procurement module's HTTP routes, defined once for the server and the web. */
export const procurementApi = defineRoutes('procurement', {
  savings: {
    method: 'GET',
    path: '/procurement/savings',
    summary: '节资率 over a scope and award period',
    query: ZSavingsQuerySchema,
    response: ZSavingsSchema,
  },
  breaches: { method: 'GET', path: '/procurement/breaches', query: ZBreachQuerySchema, response: pageOf(ZProjectSchema) },
  exportProjects: {
    method: 'GET',
    path: '/procurement/projects/export',
    kind: 'download',
    summary: 'The filtered projects as Excel',
    query: ZProjectQuerySchema.omit({ page: true, pageSize: true }),
  },
  projects: { method: 'GET', path: '/procurement/projects', query: ZProjectQuerySchema, response: pageOf(ZProjectSchema) },
  project: { method: 'GET', path: '/procurement/projects/:id', response: ZProjectSchema },
  createProject: { method: 'POST', path: '/procurement/projects', body: ZProjectCreateSchema, response: ZProjectSchema, status: 201 },
  updateProject: { method: 'PATCH', path: '/procurement/projects/:id', body: ZProjectUpdateSchema, response: ZProjectSchema },
  removeProject: { method: 'DELETE', path: '/procurement/projects/:id', response: ZOkSchema },
  addQuote: { method: 'POST', path: '/procurement/projects/:id/quotes', body: ZQuoteCreateSchema, response: ZProjectSchema, status: 201 },
  /** 四公开: what has been published, for anyone, without an account. */
  publicList: {
    method: 'GET',
    path: '/public/procurement',
    query: ZPublicQuerySchema,
    response: z.object({ items: z.array(ZPublicItemSchema) }),
  },
  // 采购计划 and 定点供应商.
  plans: {
    method: 'GET',
    path: '/procurement/plans',
    query: ZPlanQuerySchema,
    response: pageOf(ZPlanSchema).extend({ totalBudget: z.string() }),
  },
  exportPlans: {
    method: 'GET',
    path: '/procurement/plans/export',
    kind: 'download',
    summary: 'The filtered plan lines as Excel',
    query: ZPlanQuerySchema.omit({ page: true, pageSize: true }),
  },
  plan: { method: 'GET', path: '/procurement/plans/:id', response: ZPlanSchema },
  createPlan: { method: 'POST', path: '/procurement/plans', body: ZPlanCreateSchema, response: ZPlanSchema, status: 201 },
  updatePlan: { method: 'PATCH', path: '/procurement/plans/:id', body: ZPlanUpdateSchema, response: ZPlanSchema },
  removePlan: { method: 'DELETE', path: '/procurement/plans/:id', response: ZOkSchema },
  suppliers: { method: 'GET', path: '/procurement/suppliers', query: ZSupplierQuerySchema, response: pageOf(ZSupplierSchema) },
  supplier: { method: 'GET', path: '/procurement/suppliers/:id', response: ZSupplierSchema },
  createSupplier: { method: 'POST', path: '/procurement/suppliers', body: ZSupplierCreateSchema, response: ZSupplierSchema, status: 201 },
  updateSupplier: { method: 'PATCH', path: '/procurement/suppliers/:id', body: ZSupplierUpdateSchema, response: ZSupplierSchema },
});
