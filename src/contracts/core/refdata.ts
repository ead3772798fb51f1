import { z } from 'zod';
import { ZIsoDate } from '../common';

export const ZCodeItemSchema = z.object({
  list: z.string(),
  code: z.string(),
  labelZh: z.string(),
  labelEn: z.string(),
  sort: z.number().int(),
  active: z.boolean(),
  extra: z.record(z.string(), z.unknown()).nullable(),
});
export const ZCodeItemUpsertSchema = z.object({
  labelZh: z.string().trim().min(1).max(60),
  labelEn: z.string().trim().min(1).max(100),
  sort: z.number().int().min(0).max(10000).default(0),
  active: z.boolean().default(true),
  extra: z.record(z.string(), z.unknown()).nullish(),
});
export const ZRuleTableSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  version: z.number().int(),
  effectiveFrom: z.string(),
  titleZh: z.string(),
  titleEn: z.string(),
  source: z.string().nullable(),
  data: z.unknown(),
  createdAt: z.string(),
});
export const ZRuleVersionCreateSchema = z.object({
  effectiveFrom: ZIsoDate,
  titleZh: z.string().trim().min(1).max(100),
  titleEn: z.string().trim().min(1).max(200),
  source: z.string().max(500).nullish(),
  data: z.record(z.string(), z.unknown()),
});
/** What publishing a version would change (nothing is written). */
export const ZRulePreviewSchema = z.object({
  name: z.string(),
  /** The version in force on the candidate's effective date, which the diff compares against. */
  baseVersion: z.number().int().nullable(),
  /** Changed fields: path under `data` (as validation errors name it), value before and after. */
  diff: z.array(z.object({ path: z.string(), before: z.unknown(), after: z.unknown() })),
  /** Domain effects from the owning module, already in the caller's language. */
  effects: z.array(z.object({ label: z.string(), value: z.union([z.string(), z.number()]), detail: z.string().optional() })),
});
export type TRulePreview = z.infer<typeof ZRulePreviewSchema>;
export const ZCalendarDaySchema = z.object({
  day: z.string(),
  kind: z.enum(['holiday', 'workday']),
  nameZh: z.string(),
  nameEn: z.string(),
});
export const ZCalendarDayUpsertSchema = z.object({
  kind: z.enum(['holiday', 'workday']),
  nameZh: z.string().trim().min(1).max(40),
  nameEn: z.string().trim().min(1).max(80),
});
export const ZWorkingDaySchema = z.object({
  date: z.string(),
  working: z.boolean(),
  kind: z.enum(['holiday', 'workday', 'weekday', 'weekend']),
  name: z.string().nullable(),
});
