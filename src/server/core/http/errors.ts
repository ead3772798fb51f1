import type { MessageCode } from '../i18n/messages';

/**
 * The one error type of the server. Services throw it; the error handler maps it to
 * `{"error": {"code", "message", "details"}}` in the caller's language. Anything else
 * that escapes is a bug and becomes a 500 with no internals shown.
 */
export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: MessageCode,
    public readonly params: Record<string, string | number> = {},
    public readonly details?: unknown,
  ) {
    super(code);
  }
}

export const badRequest = (code: MessageCode, params?: Record<string, string | number>, details?: unknown) =>
  new AppError(400, code, params, details);
export const unauthorized = (code: MessageCode = 'AUTH_REQUIRED') => new AppError(401, code);
export const forbidden = (code: MessageCode = 'FORBIDDEN') => new AppError(403, code);
/** Also used for records outside the caller's scope: we never confirm that they exist. */
export const notFound = (entity = 'record') => new AppError(404, 'NOT_FOUND', { entity });
export const conflict = (code: MessageCode, params?: Record<string, string | number>, details?: unknown) =>
  new AppError(409, code, params, details);

/** Field-level problem, as reported in `details` of VALIDATION_FAILED. */
export type FieldIssue = { field: string; message: string };
/**
 * A 400 VALIDATION_FAILED naming one field, with the message in the caller's language: the rule a
 * service checks beyond the contract (a date in the future, a department where a unit is needed).
 * `ctx` is anything carrying the locale (an AuthContext).
 */
export const fieldError = (ctx: { readonly locale: string }, field: string, zh: string, en: string) =>
  new AppError(400, 'VALIDATION_FAILED', { fields: field }, { fields: [{ field, message: ctx.locale === 'en' ? en : zh }] });
export const validationFailed = (issues: FieldIssue[]) =>
  new AppError(400, 'VALIDATION_FAILED', { fields: issues.map((i) => i.field).join(', ') }, { fields: issues });
