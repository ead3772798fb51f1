import type { z } from 'zod';

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
};

export type RuleTableDefinition<T = unknown> = {
  name: string;
  /** The module that owns it ('core' for the core's own rules). */
  module: string;
  titleZh: string;
  titleEn: string;
  schema: z.ZodType<T>;
  versions: RuleTableVersion<T>[];
};

/** Declares a rule table; list it in the module's `defineModule({ ruleTables })`. */
export function defineRuleTable<T>(def: RuleTableDefinition<T>): RuleTableDefinition<T> {
  for (const v of def.versions) {
    const parsed = def.schema.safeParse(v.data);
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
