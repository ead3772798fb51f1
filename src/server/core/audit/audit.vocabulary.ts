/**
 * The audit log's vocabulary: what an auditor reads instead of the codes the services write.
 * Services keep writing `action: 'update', entityType: 'vehicle_booking', before: { status }`
 * (those codes are hashed into the chain and never change); the core and each module declare
 * here, in both languages, what their actions, record types, fields and coded values are called,
 * and the audit routes render every record with it at read time. A code nobody declared shows a
 * generic label ("其他操作" / "Other action"), never the code itself.
 *
 * A module declares its vocabulary in its definition (`audit: defineAuditVocabulary({...})`);
 * `installModules` registers it. Later declarations add to earlier ones; a field's or value's
 * label declared on a record type wins over the shared one of the same name.
 */

export type AuditText = { zh: string; en: string };

/**
 * How a field's value is shown: money "¥1,234.50", a day as is, an instant in China time, a
 * boolean as 是/否, an org/person/account id as its name, another record's id as "#12". Without a
 * kind, strings that look like an instant or a boolean are recognised by shape.
 */
export type AuditFieldKind = 'text' | 'money' | 'day' | 'instant' | 'boolean' | 'org' | 'person' | 'account' | 'ref' | 'number';

export type AuditField = AuditText & {
  kind?: AuditFieldKind;
  /** Labels of the coded values this field takes (statuses, kinds …). */
  values?: Readonly<Record<string, AuditText>>;
  /** A unit shown after a number ("㎡", "km"). */
  unit?: AuditText;
};

export type AuditEntity = AuditText & {
  /** Fields of this record type whose label or values differ from the shared ones. */
  fields?: Readonly<Record<string, AuditField>>;
};

export type AuditVocabulary = {
  actions?: Readonly<Record<string, AuditText>>;
  entities?: Readonly<Record<string, AuditEntity>>;
  /** Fields shared by the declaring module's records (and anyone's, by name). */
  fields?: Readonly<Record<string, AuditField>>;
  /** Coded values that mean the same wherever they occur (statuses like approved, pending …). */
  values?: Readonly<Record<string, AuditText>>;
  /**
   * Other names of a record type used in summaries (an approval's business type "vehicle_trip",
   * "energy.report"), mapped to the record type whose label they read as.
   */
  aliases?: Readonly<Record<string, string>>;
};

/** Declares a vocabulary (identity function, for the type). */
export function defineAuditVocabulary(v: AuditVocabulary): AuditVocabulary {
  return v;
}

const actions = new Map<string, AuditText>();
const entities = new Map<string, AuditEntity>();
const fields = new Map<string, AuditField>();
const values = new Map<string, AuditText>();
const aliases = new Map<string, string>();

export function registerAuditVocabulary(v: AuditVocabulary): void {
  for (const [k, t] of Object.entries(v.actions ?? {})) actions.set(k, t);
  for (const [k, t] of Object.entries(v.entities ?? {})) entities.set(k, { ...entities.get(k), ...t });
  for (const [k, t] of Object.entries(v.fields ?? {})) {
    const had = fields.get(k);
    if (had && (had.zh !== t.zh || had.en !== t.en)) {
      // The core or an earlier module already names this field ("personId" 人员, "title" 标题):
      // a later module's own wording (签到人, 会议名称) holds for its own record types only, so
      // it cannot rename the field in every other module's records. The coded values still
      // merge (a code means the same wherever it occurs).
      for (const e of Object.keys(v.entities ?? {})) {
        const ent = entities.get(e)!;
        if (!ent.fields?.[k]) entities.set(e, { ...ent, fields: { ...ent.fields, [k]: t } });
      }
      fields.set(k, { ...had, values: { ...had.values, ...t.values } });
      continue;
    }
    // A coded field declared by two modules keeps both sets of values.
    fields.set(k, had ? { ...had, ...t, values: { ...had.values, ...t.values } } : t);
  }
  for (const [k, t] of Object.entries(v.values ?? {})) values.set(k, t);
  for (const [k, t] of Object.entries(v.aliases ?? {})) aliases.set(k, t);
}

export type AuditLocale = 'zh' | 'en';
const pick = (t: AuditText, l: AuditLocale) => (l === 'en' ? t.en : t.zh);

const OTHER_ACTION: AuditText = { zh: '其他操作', en: 'Other action' };
const OTHER_ENTITY: AuditText = { zh: '其他记录', en: 'Other record' };
const OTHER_FIELD: AuditText = { zh: '其他字段', en: 'Other field' };

export const auditActionLabel = (code: string, l: AuditLocale) => pick(actions.get(code) ?? OTHER_ACTION, l);
export const auditEntityLabel = (code: string, l: AuditLocale) => pick(entities.get(aliases.get(code) ?? code) ?? OTHER_ENTITY, l);
export const hasAuditAction = (code: string) => actions.has(code);
export const hasAuditEntity = (code: string) => entities.has(code) || aliases.has(code);
export const auditAliasOf = (code: string) => aliases.get(code);

/** The declared actions and record types, labelled, for the auditor's filters (sorted by label). */
export function auditFacets(l: AuditLocale) {
  const collator = new Intl.Collator(l === 'en' ? 'en' : 'zh-CN');
  const list = (m: Map<string, AuditText>) =>
    [...m.entries()].map(([value, t]) => ({ value, label: pick(t, l) })).sort((a, b) => collator.compare(a.label, b.label));
  return { actions: list(actions), entityTypes: list(entities) };
}

/** A field as the record type declares it, else as shared. */
export function auditField(entityType: string, name: string): AuditField | undefined {
  const own = entities.get(entityType)?.fields?.[name];
  const shared = fields.get(name);
  if (own && shared) return { ...shared, ...own, values: { ...shared.values, ...own.values } };
  return own ?? shared;
}

/**
 * A field's label; an undeclared field reads as its words ("plannedEnd" → "planned end"), which
 * is still better than nothing for an auditor, and `npm test` keeps the demo's fields declared.
 */
export function auditFieldLabel(entityType: string, name: string, l: AuditLocale): string {
  const f = auditField(entityType, name);
  if (f) return pick(f, l);
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase()
    .trim();
  return words && /^[a-z0-9 ]+$/.test(words) ? `${pick(OTHER_FIELD, l)}（${words}）` : pick(OTHER_FIELD, l);
}

/** A coded value's label: the field's own values first, then the shared ones; undefined when unknown. */
export function auditValueLabel(entityType: string, field: string, code: string, l: AuditLocale): string | undefined {
  const t = auditField(entityType, field)?.values?.[code] ?? values.get(code);
  return t ? pick(t, l) : undefined;
}

/** For tests: every declared action and record type. */
export function auditVocabularySnapshot() {
  return {
    actions: new Set(actions.keys()),
    entities: new Set(entities.keys()),
    fields: new Set(fields.keys()),
    aliases: new Set(aliases.keys()),
  };
}
