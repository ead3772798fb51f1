import { sql } from 'drizzle-orm';
import { cnDateTime } from '../../../contracts/dates';
import { formatYuan } from '../../../contracts/money';
import { type Executor, queryRows } from '../../db/client';
import { businessType } from '../approval/registry';
import { orgNames } from '../org/org-names';
import { canonicalJson } from './audit.chain';
import {
  type AuditFieldKind,
  type AuditLocale,
  auditActionLabel,
  auditAliasOf,
  auditEntityLabel,
  auditField,
  auditFieldLabel,
  auditValueLabel,
  hasAuditEntity,
} from './audit.vocabulary';

/**
 * Renders stored audit records for a reader: labels from the vocabulary (audit.vocabulary.ts),
 * times in China time, before/after as a list of labelled field changes with ids resolved to
 * names. Nothing here is stored or hashed: the chain keeps the records exactly as written.
 */

export type AuditChange = { field: string; label: string; before: string | null; after: string | null };
export type ReadableAudit = {
  /** The acting account's display name (the record keeps its user name). */
  actorText: string | null;
  actionLabel: string;
  entityLabel: string;
  /** China time, "2026-03-02 07:30:15". */
  atText: string;
  orgName: string | null;
  /** The summary in the reader's language where its pattern is known, else as written. */
  summaryText: string | null;
  changes: AuditChange[];
};

type StoredRecord = {
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entityType: string;
  orgId: number | null;
  summary: string | null;
  before: unknown;
  after: unknown;
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** A field's kind: declared, else guessed from its name (…Id → a record, …At → an instant, …On/Date → a day). */
function kindOf(entityType: string, field: string): AuditFieldKind | undefined {
  const k = auditField(entityType, field)?.kind;
  if (k) return k;
  if (/OrgId$/.test(field)) return 'org';
  if (/PersonId$/.test(field)) return 'person';
  if (/AccountId$/.test(field)) return 'account';
  if (/Ids?$/.test(field)) return 'ref';
  if (/(Amount|Price|Cost|Budget|Fee|Yuan)$/.test(field)) return 'money';
  return undefined;
}

type Names = { org: Map<number, string>; person: Map<number, string>; account: Map<number, string> };
type Wanted = { org: Set<number>; person: Set<number>; account: Set<number> };

/** Walks a before/after value and notes the org, person and account ids to look up. */
function collect(entityType: string, value: unknown, want: Wanted, kind?: AuditFieldKind) {
  if (Array.isArray(value)) {
    for (const v of value) collect(entityType, v, want, kind);
    return;
  }
  if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) collect(entityType, v, want, kindOf(entityType, k));
    return;
  }
  const id = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : null;
  if (id !== null && (kind === 'org' || kind === 'person' || kind === 'account')) want[kind].add(id);
}

async function lookUp(db: Executor, tenantId: number, want: Wanted): Promise<Names> {
  const arr = (s: Set<number>) => `{${[...s].join(',')}}`;
  const [org, people, accounts] = await Promise.all([
    want.org.size ? orgNames(db, want.org) : Promise.resolve(new Map<number, string>()),
    want.person.size
      ? queryRows<{ id: number; name: string }>(
          db,
          sql`select id, name from people where tenant_id = ${tenantId} and id = any(${arr(want.person)}::int[])`,
        )
      : Promise.resolve([]),
    want.account.size
      ? queryRows<{ id: number; name: string }>(
          db,
          sql`select id, display_name as name from accounts where tenant_id = ${tenantId} and id = any(${arr(want.account)}::int[])`,
        )
      : Promise.resolve([]),
  ]);
  return {
    org,
    person: new Map(people.map((r) => [Number(r.id), r.name])),
    account: new Map(accounts.map((r) => [Number(r.id), r.name])),
  };
}

const YES_NO = { zh: ['是', '否'], en: ['Yes', 'No'] } as const;

function formatValue(
  entityType: string,
  field: string,
  v: unknown,
  names: Names,
  l: AuditLocale,
  kind = kindOf(entityType, field),
): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v))
    return v.length ? v.map((x) => formatValue(entityType, field, x, names, l, kind)).join(l === 'en' ? ', ' : '、') : '—';
  if (isPlainObject(v))
    return Object.entries(v)
      .filter(([, x]) => x !== null && x !== undefined && x !== '')
      .map(([k, x]) => `${auditFieldLabel(entityType, k, l)}${l === 'en' ? ': ' : '：'}${formatValue(entityType, k, x, names, l)}`)
      .join(l === 'en' ? '; ' : '；');
  if (typeof v === 'boolean' || kind === 'boolean') {
    const b = v === true || v === 'true';
    return YES_NO[l][b ? 0 : 1];
  }
  if (kind === 'org' || kind === 'person' || kind === 'account') {
    const id = Number(v);
    return names[kind].get(id) ?? `#${v}`;
  }
  if (kind === 'ref') return `#${v}`;
  if (kind === 'money') return formatYuan(typeof v === 'number' || typeof v === 'string' ? v : String(v), String(v));
  const unit = auditField(entityType, field)?.unit;
  const withUnit = (s: string) => (unit ? `${s} ${l === 'en' ? unit.en : unit.zh}` : s);
  if (typeof v === 'number') return withUnit(String(v));
  const s = String(v);
  if (kind === 'instant' || (kind !== 'day' && kind !== 'text' && ISO_INSTANT.test(s))) return cnDateTime(s) || s;
  if (kind === 'day' || ISO_DAY.test(s)) return s;
  return auditValueLabel(entityType, field, s, l) ?? withUnit(s);
}

/** The fields that changed (update), or were set (create) / held (delete, or a record with one side). */
function changesOf(r: StoredRecord, names: Names, l: AuditLocale): AuditChange[] {
  const before = isPlainObject(r.before) ? r.before : null;
  const after = isPlainObject(r.after) ? r.after : null;
  if (!before && !after) return [];
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const out: AuditChange[] = [];
  for (const k of keys) {
    const b = before?.[k];
    const a = after?.[k];
    if (before && after && canonicalJson(b) === canonicalJson(a)) continue;
    if (!before && (a === null || a === undefined || a === '')) continue;
    out.push({
      field: k,
      label: auditFieldLabel(r.entityType, k, l),
      before: before ? formatValue(r.entityType, k, b, names, l) : null,
      after: after ? formatValue(r.entityType, k, a, names, l) : null,
    });
  }
  return out;
}

/**
 * The summary in the reader's language. Services wrote summaries as free text, some with a
 * record code in front ("vehicle_trip #3: 用车：…", "12/40 rows; filter {…}"): those known
 * shapes are read out; anything else (already a name or a title) is shown as written.
 */
export function readableSummary(
  summary: string | null,
  l: AuditLocale,
  entityType = '',
  orgName: (id: number) => string | undefined = () => undefined,
): string | null {
  if (!summary) return summary;
  const zh = l === 'zh';
  const sep = zh ? '：' : ': ';
  const money = (v: string) => formatYuan(v, v);
  // Pool requests: "TJ-2026-000019: 6 items to org 25", "SJ-…: 5 assets, 11330.00 yuan",
  // "CZ-…: scrap, 3 assets, 1200.00 yuan, tier 1".
  const toOrg = /^(\S+): (\d+) items to org (\d+)$/.exec(summary);
  if (toOrg) {
    const org = orgName(Number(toOrg[3])) ?? `#${toOrg[3]}`;
    return zh ? `${toOrg[1]}：${toOrg[2]} 件，调入${org}` : `${toOrg[1]}: ${toOrg[2]} items to ${org}`;
  }
  const assets = /^(\S+): (?:([a-z_]+), )?(\d+) assets, ([\d.]+) yuan(?:, tier (\d+))?$/.exec(summary);
  if (assets) {
    const [, code, method, n, amount, tier] = assets;
    const parts = [
      method ? (auditValueLabel(entityType, 'method', method, l) ?? method) : null,
      zh ? `${n} 件资产` : `${n} assets`,
      money(amount!),
      tier ? (zh ? `第 ${tier} 档` : `tier ${tier}`) : null,
    ].filter(Boolean);
    return `${code}${sep}${parts.join(zh ? '，' : ', ')}`;
  }
  const lowStock = /^min-stock alert (\d{4}-\d{2}-\d{2}): ([\s\S]*)$/.exec(summary);
  if (lowStock)
    return zh
      ? `低于最低库存提醒 ${lowStock[1]}：${lowStock[2]!.split(', ').join('、')}`
      : `Below minimum stock ${lowStock[1]}: ${lowStock[2]}`;
  // "electricity 用电总表": a coded kind, then a name.
  const coded = /^([a-z][a-z_]*) (\S[\s\S]*)$/.exec(summary);
  if (coded) {
    for (const f of ['energyType', 'kind', 'type', 'method', 'category']) {
      const label = auditValueLabel(entityType, f, coded[1]!, l);
      if (label) return `${label} ${coded[2]}`;
    }
  }
  const rec = /^([a-z][a-z_.]*) #(\d+): ([\s\S]*)$/.exec(summary);
  if (rec) {
    // An approval's summary starts with its business type ("vehicle_trip #3: …").
    const bt = businessType(rec[1]!);
    const label = bt ? (zh ? bt.nameZh : bt.nameEn) : hasAuditEntity(rec[1]!) ? auditEntityLabel(rec[1]!, l) : null;
    if (label) return `${label} #${rec[2]}${zh ? '：' : ': '}${rec[3]}`;
  }
  const rows = /^(\d+)\/(\d+) rows(?:; filter ([\s\S]*))?$/.exec(summary);
  if (rows) {
    const filter = rows[3] && rows[3] !== '{}' ? rows[3] : '';
    return zh
      ? `${rows[1]} 行（共 ${rows[2]} 行）${filter ? `；条件 ${filter}` : ''}`
      : `${rows[1]} of ${rows[2]} rows${filter ? `; filter ${filter}` : ''}`;
  }
  const count = /^(\d+) rows(?:; filter ([\s\S]*))?$/.exec(summary);
  if (count) return zh ? `${count[1]} 行${count[2] ? `；条件 ${count[2]}` : ''}` : summary;
  if (summary === 'all checks passed') return zh ? '各项检查均通过' : 'All checks passed';
  const failed = /^failed: (.+)$/.exec(summary);
  if (failed) {
    const checks = failed[1]!.split(/,\s*/).map((c) => auditValueLabel('', 'failedChecks', c, l) ?? c);
    return zh ? `未通过的检查：${checks.join('、')}` : `Failed checks: ${checks.join(', ')}`;
  }
  return summary;
}

/** The acting account's name; the system's own work (jobs, the demo loader) reads as "系统" / "System". */
function actorText(r: StoredRecord, names: Names, l: AuditLocale): string | null {
  const name = r.actorId ? names.account.get(r.actorId) : undefined;
  if (name) return name;
  if (!r.actorId && r.actorName === 'system') return l === 'en' ? 'System' : '系统';
  return r.actorName;
}

/** Renders a page of records for the reader (one look-up per kind of id for the whole page). */
export async function readableAudits(db: Executor, tenantId: number, rows: StoredRecord[], locale: string): Promise<ReadableAudit[]> {
  const l: AuditLocale = locale === 'en' ? 'en' : 'zh';
  const want: Wanted = { org: new Set(), person: new Set(), account: new Set() };
  for (const r of rows) {
    if (r.orgId !== null) want.org.add(r.orgId);
    const toOrg = r.summary ? / items to org (\d+)$/.exec(r.summary) : null;
    if (toOrg) want.org.add(Number(toOrg[1]));
    if (r.actorId !== null) want.account.add(r.actorId);
    collect(r.entityType, r.before, want);
    collect(r.entityType, r.after, want);
  }
  const names = await lookUp(db, tenantId, want);
  return rows.map((r) => ({
    actorText: actorText(r, names, l),
    actionLabel: auditActionLabel(r.action, l),
    entityLabel: auditEntityLabel(auditAliasOf(r.entityType) ?? r.entityType, l),
    atText: cnDateTime(r.at, true),
    orgName: r.orgId === null ? null : (names.org.get(r.orgId) ?? null),
    summaryText: readableSummary(r.summary, l, r.entityType, (id) => names.org.get(id)),
    changes: changesOf(r, names, l),
  }));
}

/** The changes as one line of text (the export's column). */
export const changesText = (changes: AuditChange[], l: AuditLocale) =>
  changes
    .map((c) =>
      c.before === null
        ? `${c.label}${l === 'en' ? ': ' : '：'}${c.after}`
        : c.after === null
          ? `${c.label}${l === 'en' ? ': ' : '：'}${c.before}`
          : `${c.label}${l === 'en' ? ': ' : '：'}${c.before} → ${c.after}`,
    )
    .join(l === 'en' ? '; ' : '；');
