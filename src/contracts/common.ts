import { z } from 'zod';

/**
 * Contracts shared by server and web. Import only zod here: this folder is bundled into the
 * browser. Naming: zod schemas `ZFooSchema`, inferred types `TFoo`.
 */

/** Database ids are int4: anything larger is not an id (and must not reach the database). */
export const ZId = z.coerce.number().int().positive().max(2147483647);
export const ZIdParamSchema = z.object({ id: ZId });
/** An id in a JSON body (no string coercion). */
export const ZRef = z.number().int().positive().max(2147483647);

/** Server-side list paging and sorting, shared by every list endpoint. */
export const ZPageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
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
