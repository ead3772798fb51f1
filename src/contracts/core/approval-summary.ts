import { cnDateTime } from '../dates';
import { formatYuan } from '../money';

/**
 * What an approver reads instead of an approval's raw facts. Each business type declares its
 * facts once (label, kind, coded values, unit) and which of them are failed checks; the same
 * declaration renders the summary on the approval page, the inbox card and the printed form,
 * and the flow editor's conditions as sentences ("金额大于 10,000 元"). Pure, so the server
 * renders it for the caller's locale and the web renders conditions while they are edited.
 */
export type SummaryText = { zh: string; en: string };

/** How a fact is shown: money "¥1,234.50", a day as is, an instant in China time, 是/否, a number with its unit. */
export type SummaryFieldKind = 'text' | 'money' | 'day' | 'instant' | 'boolean' | 'number';

export type SummaryField = SummaryText & {
  kind?: SummaryFieldKind;
  /** Labels of the coded values the fact takes. A code not listed reads "其他" / "Other", never itself. */
  values?: Readonly<Record<string, SummaryText>>;
  /** A unit after a number ("㎡", "人"). */
  unit?: SummaryText;
  /** A fact a flow's condition may test but the approver need not read (a threshold, a flag). */
  hidden?: boolean;
};

export type ApprovalSummaryDefinition = {
  /** The facts in the order the approver reads them. */
  fields: Readonly<Record<string, SummaryField>>;
  /**
   * Facts that hold failed checks: a list of codes (array or "a,b"), or `true` (code "true"),
   * each read as a sentence. Codes not listed read as a generic "another check failed".
   */
  checks?: Readonly<Record<string, Readonly<Record<string, SummaryText>>>>;
};

export type SummaryLocale = 'zh' | 'en';
export type RenderedSummary = { fields: { label: string; value: string }[]; checks: string[] };

/** The identity, for the type. */
export const defineApprovalSummary = (d: ApprovalSummaryDefinition) => d;

const pick = (t: SummaryText, l: SummaryLocale) => (l === 'en' ? t.en : t.zh);
const OTHER: SummaryText = { zh: '其他', en: 'Other' };
const OTHER_CHECK: SummaryText = { zh: '另有一项检查未通过', en: 'Another check failed' };
const OTHER_FACT: SummaryText = { zh: '其他条件', en: 'Another condition' };
export const toSummaryLocale = (locale: string): SummaryLocale => (locale === 'en' ? 'en' : 'zh');

/** 12000 → "12,000"; 12000.5 → "12,000.5" (grouped, no trailing zeros). */
function groupNumber(n: number): string {
  const [int, frac] = String(Math.abs(n)).split('.') as [string, string | undefined];
  return `${n < 0 ? '-' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
}

/** One fact's value for a reader; '' when there is nothing to show. */
export function formatFact(field: SummaryField, v: unknown, l: SummaryLocale): string {
  if (v === null || v === undefined || v === '') return '';
  if (Array.isArray(v)) return v.map((x) => formatFact(field, x, l)).join(l === 'en' ? ', ' : '、');
  if (field.values) {
    const t = field.values[String(v)];
    return pick(t ?? OTHER, l);
  }
  const kind = field.kind ?? (typeof v === 'boolean' ? 'boolean' : typeof v === 'number' ? 'number' : 'text');
  if (kind === 'boolean') return v === true || v === 'true' ? (l === 'en' ? 'Yes' : '是') : l === 'en' ? 'No' : '否';
  if (kind === 'money') return formatYuan(typeof v === 'number' || typeof v === 'string' ? v : String(v), '');
  if (kind === 'instant') return cnDateTime(String(v)) || String(v);
  if (kind === 'number') {
    const n = Number(v);
    const s = Number.isFinite(n) ? groupNumber(n) : String(v);
    const unit = field.unit ? pick(field.unit, l) : '';
    return unit ? `${s} ${unit}` : s;
  }
  return String(v);
}

function checkCodes(v: unknown): string[] {
  if (v === true) return ['true'];
  if (Array.isArray(v)) return v.map(String).filter(Boolean);
  if (typeof v === 'string')
    return v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return [];
}

/** The approver's view of the facts: labelled, formatted values and the failed checks as sentences. */
export function renderSummary(def: ApprovalSummaryDefinition, facts: Record<string, unknown>, l: SummaryLocale): RenderedSummary {
  const fields: RenderedSummary['fields'] = [];
  for (const [key, f] of Object.entries(def.fields)) {
    if (f.hidden) continue;
    const value = formatFact(f, facts[key], l);
    if (value) fields.push({ label: pick(f, l), value });
  }
  const checks: string[] = [];
  for (const [key, sentences] of Object.entries(def.checks ?? {}))
    for (const code of checkCodes(facts[key])) checks.push(pick(sentences[code] ?? OTHER_CHECK, l));
  return { fields, checks };
}

export type Condition = { fact: string; op: 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'ne'; value: number | string | boolean };

const OPS: Record<Condition['op'], SummaryText> = {
  gt: { zh: '大于', en: 'is more than' },
  gte: { zh: '不少于', en: 'is at least' },
  lt: { zh: '小于', en: 'is less than' },
  lte: { zh: '不超过', en: 'is at most' },
  eq: { zh: '为', en: 'is' },
  ne: { zh: '不为', en: 'is not' },
};

/**
 * A step's condition as a sentence: `initiator eq unit` → "申请单位为下属单位" / "Applying party is a
 * subordinate unit", `amount gt 10000` → "金额大于 10,000 元" / "Amount is more than 10,000 yuan".
 */
export function conditionSentence(c: Condition, fields: Readonly<Record<string, SummaryField>> | undefined, l: SummaryLocale): string {
  const f = fields?.[c.fact];
  const label = pick(f ?? OTHER_FACT, l);
  if (f && (f.kind === 'boolean' || typeof c.value === 'boolean') && !f.values) {
    const yes = (c.value === true || c.value === 'true') === (c.op !== 'ne');
    return yes ? label : l === 'en' ? `Not: ${label}` : `非${label}`;
  }
  let value: string;
  if (f?.values) value = pick(f.values[String(c.value)] ?? OTHER, l);
  else if (
    typeof c.value === 'number' ||
    (f && (f.kind === 'money' || f.kind === 'number') && c.value !== '' && !Number.isNaN(Number(c.value)))
  ) {
    const n = groupNumber(Number(c.value));
    const unit = f?.kind === 'money' ? { zh: '元', en: 'yuan' } : f?.unit;
    const u = unit ? pick(unit, l) : '';
    value = u ? `${n} ${u}` : n;
  } else value = String(c.value);
  const op = pick(OPS[c.op], l);
  if (l === 'en') return `${label} ${op} ${value}`;
  // "金额大于 10,000 元", "申请单位为下属单位": a space only before a figure.
  return /^[\d-]/.test(value) ? `${label}${op} ${value}` : `${label}${op}${value}`;
}
