import { z } from 'zod';
import { bilingual } from '../common';
import { defineRoutes } from '../route';

/** One to-do counter of the caller's workbench: what waits, how many, and the filtered page that lists them. */
export const ZWorkbenchCounterSchema = z.object({
  /** Stable key (`vehicles.toDispatch`), for tests and the web's test ids. */
  key: z.string(),
  /** In the caller's language. */
  label: z.string(),
  count: z.number().int(),
  /** Web path (with its query) of the list already filtered to these records. */
  link: z.string(),
});
export type TWorkbenchCounter = z.infer<typeof ZWorkbenchCounterSchema>;

export const ZWorkbenchSchema = z.object({ counters: z.array(ZWorkbenchCounterSchema) });

/**
 * The header search's text: 1–50 characters after trimming, no control characters (a NUL would
 * reach PostgreSQL as an invalid string; the others are never typed into a search box).
 */
export const ZSearchQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .min(1, bilingual('请输入要搜索的内容', 'type something to search for'))
    .max(50, bilingual('搜索内容不能超过 50 个字符', 'at most 50 characters'))
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), bilingual('搜索内容含有不允许的字符', 'contains characters that are not allowed')),
});

export const ZSearchHitSchema = z.object({
  title: z.string(),
  /** A second line (unit, status …), in the caller's language. */
  description: z.string().nullable(),
  link: z.string(),
});
export const ZSearchGroupSchema = z.object({
  key: z.string(),
  /** The kind of record, in the caller's language ("车辆", "Vehicles"). */
  label: z.string(),
  hits: z.array(ZSearchHitSchema),
});
export type TSearchGroup = z.infer<typeof ZSearchGroupSchema>;
export const ZSearchResultSchema = z.object({ groups: z.array(ZSearchGroupSchema) });

/** The caller's workbench and the header search (core registries the modules fill), defined once for the server and the web. */
export const workbenchApi = defineRoutes('workbench', {
  counters: {
    method: 'GET',
    path: '/workbench',
    summary:
      "The caller's to-do counters (the modules' registered counters the caller's permissions allow), labels in the caller's language",
    response: ZWorkbenchSchema,
  },
  search: {
    method: 'GET',
    path: '/search',
    summary: 'Searches what the caller may see (people, rooms, vehicles, assets, requests …), a few hits per kind, grouped',
    query: ZSearchQuerySchema,
    response: ZSearchResultSchema,
  },
});
