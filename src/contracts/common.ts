import { z } from 'zod';
import { isIsoDay } from './dates';

/**
 * Contracts shared by server and web. Import only zod here: this folder is bundled into the
 * browser. Naming: zod schemas `ZFooSchema`, inferred types `TFoo`.
 */

/** Database ids are int4: anything larger is not an id (and must not reach the database). */
export const ZId = z.coerce.number().int().positive().max(2147483647);
export const ZIdParamSchema = z.object({ id: ZId });
/** An id in a JSON body (no string coercion). */
export const ZRef = z.number().int().positive().max(2147483647);

/**
 * A page number in a query. Bounded so that `(page - 1) * pageSize` stays an exact integer that
 * PostgreSQL takes as an OFFSET (page=1e20 would reach it as "1e+21" and fail as a 500).
 */
export const ZPageNo = z.coerce.number().int().min(1).max(1_000_000);
/**
 * The paging rule of every list that grows with the district (people, rooms, records, logs):
 * a page is `PAGE_SIZE_DEFAULT` rows unless asked, and at most `PAGE_SIZE_MAX`. A larger request
 * is refused with a 400 naming `querystring.pageSize` ("不能大于 200" / "must be at most 200"), never clamped
 * in silence: a caller that wants everything pages through, or uses the list's export (streamed).
 * The web asks for at most 200 (pickers, which also search on the server). A list small by nature
 * (code lists, a unit's buildings, one row per unit) may answer whole: its route says why.
 */
export const PAGE_SIZE_DEFAULT = 20;
export const PAGE_SIZE_MAX = 200;
/** A page size in a query: the rule above, or a smaller cap/default where an endpoint's rows are heavy. */
export const zPageSize = (opts: { default?: number; max?: number } = {}) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(Math.min(opts.max ?? PAGE_SIZE_MAX, PAGE_SIZE_MAX))
    .default(opts.default ?? PAGE_SIZE_DEFAULT);
/** Server-side list paging and sorting, shared by every list endpoint. */
export const ZPageQuerySchema = z.object({
  page: ZPageNo.default(1),
  pageSize: zPageSize(),
  /** `field` or `-field` for descending. Each endpoint whitelists its fields. */
  sort: z.string().max(40).optional(),
});
export type TPageQuery = z.infer<typeof ZPageQuerySchema>;

export const pageOf = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), total: z.number().int() });
export type TPage<T> = { items: T[]; total: number };

export const ZErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type TApiError = z.infer<typeof ZErrorSchema>;

export const ZOkSchema = z.object({ ok: z.literal(true) });

export const LOCALES = ['zh-CN', 'en'] as const;
export const ZLocaleSchema = z.enum(LOCALES);
export type TLocale = z.infer<typeof ZLocaleSchema>;

/** An Excel import result: nothing is written unless every row is valid. */
export const ZImportErrorSchema = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export const ZImportResultSchema = z.object({
  imported: z.number().int(),
  errors: z.array(ZImportErrorSchema),
});
export type TImportResult = z.infer<typeof ZImportResultSchema>;

/**
 * A validation message in both languages (`中文|English`): the server's error handler shows
 * the half in the caller's language, so a contract needs no access to the locale.
 */
export const bilingual = (zh: string, en: string) => `${zh}|${en}`;
/**
 * A calendar date YYYY-MM-DD that exists (2026-02-30, 2026-13-01 and year 0000 are refused). The
 * one date type of the contracts: zod's own `.date()`/`.datetime()` accept year 0000, which
 * PostgreSQL rejects (a unit test keeps them out of src/contracts).
 */
export const ZIsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, bilingual('日期格式应为 YYYY-MM-DD', 'date must be YYYY-MM-DD'))
  .refine((v) => isIsoDay(v), bilingual('不是有效日期', 'not a valid date'));
/** A moment with its offset (…+08:00 or …Z; years 1000–9999): a bare local time is ambiguous and refused. */
export const ZIsoTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/,
    bilingual(
      '时间格式应为带时区的 ISO 8601，如 2026-03-02T09:00:00+08:00',
      'must be ISO 8601 with an offset, e.g. 2026-03-02T09:00:00+08:00',
    ),
  )
  // The day must exist (Date.parse quietly reads 2026-02-30 as 2026-03-02) and the time be a real one.
  .refine(
    (v) => isIsoDay(v.slice(0, 10)) && Number(v.slice(11, 13)) < 24 && Number(v.slice(14, 16)) < 60 && !Number.isNaN(Date.parse(v)),
    bilingual('不是有效时间', 'not a valid time'),
  );
/** A month YYYY-MM (years 1000–9999). */
export const ZIsoMonth = z.string().regex(/^[1-9]\d{3}-(0[1-9]|1[0-2])$/, bilingual('月份格式应为 YYYY-MM', 'month must be YYYY-MM'));
/** Required text, trimmed, 1..max characters. */
export const zText = (max: number) => z.string().trim().min(1).max(max);
/** Optional text, trimmed, at most max characters (null or absent allowed). */
export const zOptText = (max: number) => z.string().trim().max(max).nullish();

/**
 * Exact money in yuan (assets, supplies, procurement): a decimal string or a number with at
 * most two decimals, never negative, below 10^14. Parsed to a normalised decimal string
 * ("1730.50") so no floating-point value ever reaches arithmetic; the server computes in fen
 * (`core/util/money.ts`) or in SQL numeric.
 */
export const ZMoney = z
  .union([z.string().trim(), z.number()])
  .refine(
    (v) => (typeof v === 'number' ? Number.isFinite(v) && /^-?\d+(\.\d{1,2})?$/.test(String(v)) : /^-?\d+(\.\d{1,2})?$/.test(v)),
    bilingual('金额应为最多两位小数的数字', 'money must be a number with at most two decimals'),
  )
  .transform((v) => {
    const s = String(v);
    const [i, f = ''] = s.split('.');
    return `${BigInt(i as string).toString()}.${f.padEnd(2, '0')}`.replace(/^-0\.00$/, '0.00');
  })
  .refine((v) => !v.startsWith('-'), bilingual('金额不能为负数', 'money must not be negative'))
  .refine((v) => v.length <= 17, bilingual('金额过大', 'money is too large'));
export type TMoney = z.output<typeof ZMoney>;
/**
 * The one money type, for every module. Input (`ZMoney`, `zMoney`): a decimal string or a
 * number with at most two decimals — forms send strings, a number is accepted for API callers;
 * output (`ZMoneyOut`): always the normalised string "1234.50" as read from a `moneyColumn` or
 * made by `fenToYuan`, never a float. The web shows it with `formatMoney` (src/web/shared).
 */
export const ZMoneyOut = z.string();
/** `ZMoney` with a module's plausible upper bound (yuan) and, when `positive`, above zero. */
export const zMoney = (opts: { max?: number; positive?: boolean; zh?: string; en?: string } = {}) =>
  ZMoney.refine((v) => opts.max === undefined || Number(v) <= opts.max, {
    message: bilingual(opts.zh ?? '金额超出合理范围', opts.en ?? 'amount out of any plausible range'),
  }).refine((v) => !opts.positive || v !== '0.00', bilingual('金额必须大于 0', 'amount must be greater than 0'));
