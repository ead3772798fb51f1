import { describe, expect, it } from 'vitest';
import { ASSET_DISPOSAL_RULE, ASSET_POOL_RULE } from './assets.ruletables';

const paths = (schema: { safeParse: (d: unknown) => { error?: { issues: { path: PropertyKey[] }[] } } }, data: unknown) =>
  (schema.safeParse(data).error?.issues ?? []).map((i) => i.path.map(String).join('.'));

describe('asset_disposal_thresholds', () => {
  const seed = ASSET_DISPOSAL_RULE.versions[0]!.data;
  it('every seed version fits the schema', () => {
    for (const v of ASSET_DISPOSAL_RULE.versions) expect(paths(ASSET_DISPOSAL_RULE.schema, v.data)).toEqual([]);
  });
  it('refuses a tier without steps, a bad amount, and a last tier with a limit', () => {
    const tiers = seed.tiers.map((t) => ({ ...t }));
    tiers[0]!.steps = [];
    tiers[1]!.upToYuan = '2,000,000';
    expect(paths(ASSET_DISPOSAL_RULE.schema, { ...seed, tiers })).toEqual(expect.arrayContaining(['tiers.0.steps', 'tiers.1.upToYuan']));
    expect(paths(ASSET_DISPOSAL_RULE.schema, { ...seed, tiers: seed.tiers.slice(0, 2) })).toEqual(['tiers']);
  });
});

describe('asset_pool_rules', () => {
  const seed = ASSET_POOL_RULE.versions[0]!.data;
  it('every seed version fits the schema', () => {
    for (const v of ASSET_POOL_RULE.versions) expect(paths(ASSET_POOL_RULE.schema, v.data)).toEqual([]);
  });
  it('refuses an empty list of usable conditions and a negative reminder', () => {
    expect(paths(ASSET_POOL_RULE.schema, { ...seed, usableConditions: [], loanReminderDaysBefore: -1 })).toEqual(
      expect.arrayContaining(['usableConditions', 'loanReminderDaysBefore']),
    );
  });
});
