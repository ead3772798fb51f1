import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Executor, queryRows } from '../../db/client';
import { type FieldIssue, validationFailed } from '../http/errors';
import { issueMessage } from '../http/validation-messages';
import type { Locale } from '../i18n/messages';
import { cnToday } from '../util/dates';

/**
 * A versioned rule table owned by a module (area standards, vehicle caps, coal coefficients …)
 * or by the core (calendar, password policy). The module declares the table once: its name,
 * a zod schema for one version's data, and the seed versions with their sources in
 * docs/regulations.md. Seeding, publishing a new version and reading "the version in force"
 * all go through this definition, so a version that does not fit the schema never reaches
 * business logic.
 */
export type RuleTableVersion<T> = {
  version: number;
  /** China date YYYY-MM-DD from which this version is in force. */
  effectiveFrom: string;
  titleZh: string;
  titleEn: string;
  /** Where the numbers come from: a section of docs/regulations.md and the document it cites. */
  source: string;
  data: T;
  /**
   * A superseded version written in an older shape (kept as history; a later version with the
   * same or an earlier date wins on every date, so the code never reads it). Its seed data is
   * checked against this schema instead of the table's.
   */
  legacySchema?: z.ZodType;
};

/** One line of a preview's domain effects, already in the caller's language. */
export type RulePreviewEffect = { label: string; value: string | number; detail?: string };

/**
 * Optional domain preview of a candidate version: what would change if `candidate` were in
 * force instead of `current` (e.g. how many people become over the area standard). Reads only,
 * on the given executor; never writes.
 */
export type RulePreviewInput<T> = { current: T | null; candidate: T; locale: Locale; tenantId: number };
export type RulePreviewHook<T> = (db: Executor, input: RulePreviewInput<T>) => Promise<RulePreviewEffect[]>;

export type RuleTableDefinition<T = unknown> = {
  name: string;
  /** The module that owns it ('core' for the core's own rules). */
  module: string;
  titleZh: string;
  titleEn: string;
  schema: z.ZodType<T>;
  versions: RuleTableVersion<T>[];
  /** Domain effects of a candidate version (method syntax on purpose: a table of any data type fits a list of tables). */
  preview?(db: Executor, input: RulePreviewInput<T>): Promise<RulePreviewEffect[]>;
};

/** Declares a rule table; list it in the module's `defineModule({ ruleTables })`. */
export function defineRuleTable<T>(def: RuleTableDefinition<T>): RuleTableDefinition<T> {
  for (const v of def.versions) {
    const parsed = (v.legacySchema ?? def.schema).safeParse(v.data);
    if (!parsed.success) throw new Error(`rule table ${def.name}@${v.version}: seed data does not fit its schema: ${parsed.error.message}`);
  }
  return def;
}

const tables = new Map<string, RuleTableDefinition>();

/** Called by the module installer; a name is owned by exactly one module. */
export function registerRuleTables(defs: readonly RuleTableDefinition<never>[] | readonly RuleTableDefinition[]): void {
  for (const d of defs as readonly RuleTableDefinition[]) {
    const existing = tables.get(d.name);
    if (existing && existing !== d) throw new Error(`rule table ${d.name} declared twice (${existing.module}, ${d.module})`);
    tables.set(d.name, d);
  }
}
export const ruleTableDefinition = (name: string) => tables.get(name);
export const registeredRuleTables = () => [...tables.values()];

/**
 * The data of rule table `def` in force on China date `onDate` (today in China by default):
 * the latest effective date on or before it, the highest version on that date. Null when no
 * version is in force yet, unless `beforeFirst: 'first'` (then the earliest version applies,
 * for tables whose first version is dated by a revision rather than by when it began to
 * apply). Runs on any executor, so it is safe inside a transaction.
 */
export async function ruleInForce<T>(
  db: Executor,
  def: RuleTableDefinition<T>,
  onDate: string = cnToday(),
  opts: { beforeFirst?: 'none' | 'first' } = {},
): Promise<{ data: T; version: number } | null> {
  const [r] = await queryRows<{ data: T; version: number }>(
    db,
    opts.beforeFirst === 'first'
      ? sql`select data, version from rule_tables where name = ${def.name}
          order by (effective_from <= ${onDate}::date) desc, case when effective_from <= ${onDate}::date then effective_from end desc nulls last,
                   effective_from asc, version desc limit 1`
      : sql`select data, version from rule_tables where name = ${def.name} and effective_from <= ${onDate}::date
          order by effective_from desc, version desc limit 1`,
  );
  return r ? { data: r.data, version: Number(r.version) } : null;
}

/** Field issues of data that does not fit a table's schema, each named by its path under `data`. */
export function ruleDataIssues(def: RuleTableDefinition, data: unknown, locale: Locale): FieldIssue[] {
  const parsed = def.schema.safeParse(data);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const { code, message, path, ...params } = issue as unknown as { code: string; message: string; path: PropertyKey[] } & Record<
      string,
      unknown
    >;
    return {
      field: ['data', ...path.map(String)].join('.'),
      message: issueMessage({ keyword: code, message, params }, locale),
    };
  });
}

/** Throws VALIDATION_FAILED (400) naming each failing field when `data` does not fit the schema. */
export function assertRuleData<T>(def: RuleTableDefinition<T>, data: unknown, locale: Locale): T {
  const issues = ruleDataIssues(def as RuleTableDefinition, data, locale);
  if (issues.length) throw validationFailed(issues);
  return def.schema.parse(data);
}
