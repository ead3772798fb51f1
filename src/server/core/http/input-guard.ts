import { AppError } from './errors';

/**
 * Text PostgreSQL cannot store, found anywhere in a request: a NUL character (text columns refuse
 * 0x00) or a lone UTF-16 surrogate (not Unicode: jsonb, and so the audit record, refuses it). No
 * legitimate input carries either, so they are refused at the door for every route, whatever its
 * contract says (a raw `z.string()` included), instead of failing as a 500 at the database.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding the NUL character is the point.
const BAD_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a string holds a NUL character or a lone surrogate. */
export const isBadText = (s: string) => BAD_TEXT.test(s);

/** The path (`a.b.0`) of the first string, key included, that PostgreSQL could not store; null when all are fine. */
export function findBadText(value: unknown, path = '', depth = 0): string | null {
  const at = badTextAt(value, depth);
  if (!at) return null;
  if (path) at.push(path);
  return at.reverse().join('.') || 'value';
}

/**
 * Where the first bad string lies below `value`, as its path's segments innermost first (empty:
 * `value` itself). Every request body passes through here, a meter batch with 10,000 rows
 * included, so the path is built only for the string found, never for the fine ones.
 */
function badTextAt(value: unknown, depth: number): string[] | null {
  if (typeof value === 'string') return isBadText(value) ? [] : null;
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = badTextAt(value[i], depth + 1);
      if (bad) {
        bad.push(String(i));
        return bad;
      }
    }
    return null;
  }
  for (const k of Object.keys(value)) {
    if (isBadText(k)) return [k];
    const bad = badTextAt((value as Record<string, unknown>)[k], depth + 1);
    if (bad) {
      bad.push(k);
      return bad;
    }
  }
  return null;
}

/** The 400 for a field holding such text, in the caller's language. */
export const badTextError = (locale: string, field: string) =>
  new AppError(
    400,
    'VALIDATION_FAILED',
    { fields: field },
    {
      fields: [
        {
          field,
          message:
            locale === 'en'
              ? 'contains characters that are not allowed (NUL or invalid Unicode)'
              : '含有不允许的字符（空字符或无效的 Unicode）',
        },
      ],
    },
  );
