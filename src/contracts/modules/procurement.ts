import { z } from 'zod';
import { ZIsoDate, ZMoney, ZPageQuerySchema, ZRef, bilingual, zOptText, zText } from '../common';

/** Government procurement (政府采购) contracts: projects, savings, the public disclosure list. */
export const PROCUREMENT_METHODS = [
  'open_tender',
  'invited_tender',
  'competitive_negotiation',
  'competitive_consultation',
  'single_source',
  'inquiry',
  'framework',
  'designated',
] as const;
export const ZProcurementMethod = z.enum(PROCUREMENT_METHODS);

const optDate = ZIsoDate.nullish();
const optMoney = ZMoney.nullish();

const projectFields = {
  orgId: ZRef,
  planId: ZRef.nullish(),
  code: zOptText(40),
  name: zText(200),
  method: ZProcurementMethod,
  categoryCode: z
    .string()
    .regex(/^[A-Z]\d{6}$/, bilingual('资产分类代码应为 GB/T 14885 格式，如 A050100', 'category must be a GB/T 14885 code such as A050100'))
    .nullish(),
  budget: ZMoney,
  contractAmount: optMoney,
  supplierName: zOptText(200),
  intentionPublishedOn: optDate,
  noticePublishedOn: optDate,
  singleSourceNoticeFrom: optDate,
  singleSourceNoticeTo: optDate,
  awardDate: optDate,
  resultPublishedOn: optDate,
  contractDate: optDate,
  contractPublishedOn: optDate,
  addOnAmount: ZMoney.optional(),
  bidBond: optMoney,
  performanceBond: optMoney,
  quoteExemptReason: zOptText(500),
  poolOverrideReason: zOptText(500),
  cancelled: z.boolean().optional(),
  note: zOptText(1000),
};

type DateFacts = { awardDate?: string | null; contractDate?: string | null; contractAmount?: string | null };
/** The order of the dates, checked on the record as it will be (the database holds the same rule). */
export const projectDateIssues = (p: DateFacts) => {
  const issues: { path: string; zh: string; en: string }[] = [];
  if (p.contractDate && !p.awardDate)
    issues.push({ path: 'contractDate', zh: '签订合同前须先确定成交（中标）日期', en: 'a contract needs an award date first' });
  if (p.contractDate && p.awardDate && p.contractDate < p.awardDate)
    issues.push({
      path: 'contractDate',
      zh: '合同签订日期不能早于成交（中标）日期',
      en: 'the contract date cannot be before the award date',
    });
  if (p.contractAmount != null && !p.awardDate)
    issues.push({ path: 'contractAmount', zh: '填写合同金额须先确定成交（中标）日期', en: 'a contract amount needs an award date' });
  return issues;
};

export const ZProjectCreateSchema = z.object(projectFields).superRefine((v, c) => {
  for (const i of projectDateIssues(v)) c.addIssue({ code: 'custom', path: [i.path], message: bilingual(i.zh, i.en) });
});
export const ZProjectUpdateSchema = z.object(projectFields).omit({ orgId: true }).partial();

export const ZProjectQuerySchema = ZPageQuerySchema.extend({
  q: z.string().trim().max(60).optional(),
  method: ZProcurementMethod.optional(),
  orgId: z.coerce.number().int().positive().max(2147483647).optional(),
  /** Award date range (inclusive). */
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
});

export const ZStepSchema = z.object({
  key: z.enum(['intention', 'single_source_notice', 'result', 'contract']),
  deadline: z.string().nullable(),
  done: z.string().nullable(),
  state: z.enum(['on_time', 'late', 'pending', 'overdue', 'n_a']),
});
export const ZBreachSchema = z.object({
  code: z.string(),
  message: z.string(),
  limit: z.string().optional(),
  actual: z.string().optional(),
  deadline: z.string().optional(),
});
export const ZProjectSchema = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  planId: z.number().int().nullable(),
  code: z.string(),
  name: z.string(),
  method: ZProcurementMethod,
  categoryCode: z.string().nullable(),
  budget: z.string(),
  contractAmount: z.string().nullable(),
  saved: z.string().nullable(),
  savingsRate: z.number().nullable(),
  supplierName: z.string().nullable(),
  intentionPublishedOn: z.string().nullable(),
  noticePublishedOn: z.string().nullable(),
  singleSourceNoticeFrom: z.string().nullable(),
  singleSourceNoticeTo: z.string().nullable(),
  awardDate: z.string().nullable(),
  resultPublishedOn: z.string().nullable(),
  contractDate: z.string().nullable(),
  contractPublishedOn: z.string().nullable(),
  addOnAmount: z.string(),
  bidBond: z.string().nullable(),
  performanceBond: z.string().nullable(),
  quoteCount: z.number().int(),
  quoteExemptReason: z.string().nullable(),
  poolOverrideReason: z.string().nullable(),
  cancelled: z.boolean(),
  note: z.string().nullable(),
  steps: z.array(ZStepSchema),
  breaches: z.array(ZBreachSchema),
});
export type TProject = z.infer<typeof ZProjectSchema>;

export const ZSavingsQuerySchema = z.object({
  orgId: z.coerce.number().int().positive().max(2147483647).optional(),
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
});
/** The projects with a breach, paged like every list (they are found among the 5,000 most recent projects of the scope). */
export const ZBreachQuerySchema = ZSavingsQuerySchema.extend({
  page: ZPageQuerySchema.shape.page,
  pageSize: ZPageQuerySchema.shape.pageSize,
});
/** Awarded, not cancelled projects with a contract amount, by award date. Money in yuan, exact. */
export const ZSavingsSchema = z.object({
  projects: z.number().int(),
  budget: z.string(),
  contractAmount: z.string(),
  saved: z.string(),
  /** A fraction of 1, four decimals (0.1202 for 12.02 %); null without budget. */
  savingsRate: z.number().nullable(),
});

export const ZQuoteCreateSchema = z.object({
  supplierName: zText(200),
  amount: ZMoney,
  quotedOn: optDate,
  selected: z.boolean().optional(),
});

export const ZPublicItemSchema = z.object({
  kind: z.enum(['intention', 'notice', 'result', 'contract']),
  publishedOn: z.string(),
  projectCode: z.string(),
  projectName: z.string(),
  orgName: z.string(),
  method: ZProcurementMethod,
  budget: z.string(),
  contractAmount: z.string().nullable(),
  supplierName: z.string().nullable(),
});
export const ZPublicQuerySchema = z.object({
  kind: z.enum(['intention', 'notice', 'result', 'contract']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// ——— annual plans (采购计划) and suppliers (定点供应商) ———
export const ZPlanCreateSchema = z.object({
  orgId: ZRef,
  year: z.number().int().min(2000).max(2100),
  itemName: zText(200),
  categoryCode: z
    .string()
    .regex(/^[A-Z]\d{6}$/, bilingual('资产分类代码应为 GB/T 14885 格式，如 A050100', 'category must be a GB/T 14885 code such as A050100'))
    .nullish(),
  method: ZProcurementMethod,
  budget: ZMoney,
  plannedMonth: z.number().int().min(1).max(12).nullish(),
  note: zOptText(500),
});
export const ZPlanUpdateSchema = ZPlanCreateSchema.omit({ orgId: true, year: true }).partial();
export const ZPlanQuerySchema = ZPageQuerySchema.extend({
  orgId: z.coerce.number().int().positive().max(2147483647).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  q: z.string().trim().max(60).optional(),
});
/** A plan line and how far it has been carried out: projects under it, their budgets and contracts. */
export const ZPlanSchema = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  year: z.number().int(),
  itemName: z.string(),
  categoryCode: z.string().nullable(),
  method: ZProcurementMethod,
  budget: z.string(),
  plannedMonth: z.number().int().nullable(),
  note: z.string().nullable(),
  projects: z.number().int(),
  committed: z.string(),
  contracted: z.string(),
  /** Plan budget not yet committed to projects (negative when projects exceed the plan). */
  remaining: z.string(),
  overPlan: z.boolean(),
});

export const ZSupplierCreateSchema = z
  .object({
    name: zText(200),
    creditCode: z
      .string()
      .trim()
      .regex(
        /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/,
        bilingual('统一社会信用代码应为 18 位', 'the unified social credit code has 18 characters'),
      )
      .nullish(),
    designated: z.boolean().default(false),
    categories: z
      .array(z.string().regex(/^[A-Z]\d{0,6}$/))
      .max(50)
      .default([]),
    validFrom: ZIsoDate.nullish(),
    validTo: ZIsoDate.nullish(),
    contact: zOptText(100),
    note: zOptText(500),
  })
  .refine((v) => !v.validFrom || !v.validTo || v.validTo >= v.validFrom, {
    path: ['validTo'],
    message: bilingual('有效期止不能早于起始日期', 'the end of validity is before its start'),
  });
export const ZSupplierUpdateSchema = z.object({
  designated: z.boolean().optional(),
  categories: z
    .array(z.string().regex(/^[A-Z]\d{0,6}$/))
    .max(50)
    .optional(),
  validFrom: ZIsoDate.nullish(),
  validTo: ZIsoDate.nullish(),
  contact: zOptText(100),
  status: z.enum(['active', 'suspended']).optional(),
  note: zOptText(500),
});
export const ZSupplierQuerySchema = ZPageQuerySchema.extend({
  q: z.string().trim().max(60).optional(),
  designated: z.enum(['true', 'false']).optional(),
  /** Designated suppliers valid on this day (and covering `category` when given). */
  validOn: ZIsoDate.optional(),
  category: z
    .string()
    .regex(/^[A-Z]\d{6}$/)
    .optional(),
});
export const ZSupplierSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  creditCode: z.string().nullable(),
  designated: z.boolean(),
  categories: z.array(z.string()),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  contact: z.string().nullable(),
  status: z.string(),
  note: z.string().nullable(),
  /** Awarded projects and their contract total with this supplier. */
  projects: z.number().int(),
  contracted: z.string(),
});
