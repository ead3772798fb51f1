import { describe, expect, it } from 'vitest';
import { RECEPTION_LIMITS_RULE } from './core.ruletables';
import { diffRuleData } from './rule-diff';
import { ruleDataIssues } from './rule-table';

describe('rule tables in the core', () => {
  it('reception_limits: every seed version fits; a negative meal count is named', () => {
    for (const v of RECEPTION_LIMITS_RULE.versions) expect(RECEPTION_LIMITS_RULE.schema.safeParse(v.data).success).toBe(true);
    const issues = ruleDataIssues(RECEPTION_LIMITS_RULE, { ...RECEPTION_LIMITS_RULE.versions[0]!.data, workingMealsMax: -1 }, 'en');
    expect(issues.map((i) => i.field)).toEqual(['data.workingMealsMax']);
    expect(issues[0]!.message).toBe('must be at least 0');
  });
  it('diffs leaf by leaf, arrays whole', () => {
    expect(diffRuleData({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { b: 2, c: [1, 2] }, e: [3] })).toEqual([
      { path: 'data.a.b', before: 1, after: 2 },
      { path: 'data.d', before: 1, after: null },
      { path: 'data.e', before: null, after: [3] },
    ]);
  });
});
