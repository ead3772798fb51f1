import { type SQL, sql } from 'drizzle-orm';

/**
 * Small helpers every repository needs when it reads raw rows: both database drivers return
 * numerics and bigints as strings and dates as text or Date, so views convert explicitly.
 */
export const num = (v: unknown) => Number(v ?? 0);
export const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
export const iso = (v: unknown) =>
  v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString();
/** A `date` column as YYYY-MM-DD (text or Date from either driver). */
export const day = (v: unknown) => (v === null || v === undefined ? null : String(v instanceof Date ? v.toISOString() : v).slice(0, 10));

/** AND of the conditions given; `undefined`/`false` parts are skipped (an empty list is not allowed: pass `sql\`true\``). */
export const where = (parts: (SQL | undefined | false)[]) =>
  sql.join(
    parts.filter((x): x is SQL => Boolean(x)),
    sql` and `,
  );

/** The SQLSTATE and constraint of a database error, through drizzle's wrapper when present. */
export function dbError(err: unknown): { code?: string; constraint?: string } {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  return { code: e.code ?? e.cause?.code, constraint: e.constraint ?? e.cause?.constraint };
}
