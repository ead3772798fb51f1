import { maskIdNumber, maskPhone, sm3 } from '../crypto/crypto';

/** Genesis value of every tenant's chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level: jsonb reorders keys, so hashes must not depend on order. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export type ChainedFields = {
  id: number;
  tenantId: number;
  at: string; // ISO 8601 with milliseconds, UTC
  actorId: number | null;
  actorName: string | null;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  orgId: number | null;
  summary: string | null;
  before: unknown;
  after: unknown;
};

/** hash = SM3(prevHash ‖ canonical JSON of the record). The id is covered, so reordering is detected. */
export function chainHash(prevHash: string, r: ChainedFields): string {
  return sm3(
    prevHash +
      canonicalJson({
        id: r.id,
        tenantId: r.tenantId,
        at: r.at,
        actorId: r.actorId,
        actorName: r.actorName,
        ip: r.ip,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        orgId: r.orgId,
        summary: r.summary,
        before: r.before ?? null,
        after: r.after ?? null,
      }),
  );
}

const PERSONAL_KEYS = /phone|mobile|idnumber|idno|idcard|password|token|secret|hash$/i;

// Personal data written as free text (a loan's contact "王五 13812345678", a note with an ID
// number): shapes, not keys, give it away. Bounded by non-alphanumerics so digits inside a
// hex checksum or a longer code are left alone.
const B = '(?<![0-9A-Za-z])';
const E = '(?![0-9A-Za-z])';
const FREE_TEXT_PERSONAL = new RegExp(
  [
    `${B}\\d{17}[\\dXx]${E}`, // resident ID number (18)
    `${B}\\d{15}${E}`, // resident ID number (15, old)
    `${B}1[3-9]\\d[- ]?\\d{4}[- ]?\\d{4}${E}`, // mobile, optionally grouped 3-4-4
    `${B}0\\d{2,3}-\\d{7,8}${E}`, // landline with area code
  ].join('|'),
  'g',
);

/** Masks phone- and ID-number-shaped text inside a string: "王五 13812345678" → "王五 138****5678". */
export function maskFreeText(text: string): string {
  return text.replace(FREE_TEXT_PERSONAL, (m) => {
    const digits = m.replace(/[- ]/g, '');
    // ID numbers are 15 or 18 characters; phones (mobile 11, landline ≤ 12) are shorter.
    return digits.length >= 15 ? maskIdNumber(digits) : maskPhone(digits);
  });
}

/** Personal data and secrets never enter the audit log in clear: masked, keeping only a hint. */
export function maskForAudit(value: unknown): unknown {
  if (typeof value === 'string') return maskFreeText(value);
  if (Array.isArray(value)) return value.map(maskForAudit);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (PERSONAL_KEYS.test(k)) {
        if (v === null || v === undefined || v === '') out[k] = v ?? null;
        else if (typeof v === 'string' && /phone|mobile/i.test(k) && v.length >= 7) out[k] = `${v.slice(0, 3)}****${v.slice(-4)}`;
        else if (typeof v === 'string' && /id(number|no|card)/i.test(k) && v.length >= 8)
          out[k] = `${v.slice(0, 4)}**********${v.slice(-4)}`;
        else out[k] = '***';
      } else if (v instanceof Date) {
        out[k] = v.toISOString();
      } else out[k] = maskForAudit(v);
    }
    return out;
  }
  return value;
}
