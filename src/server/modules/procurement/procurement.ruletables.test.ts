import { describe, expect, it } from 'vitest';
import { PROCUREMENT_RULE } from './procurement.ruletables';

const paths = (data: unknown) => (PROCUREMENT_RULE.schema.safeParse(data).error?.issues ?? []).map((i) => i.path.map(String).join('.'));

describe('procurement_rules', () => {
  const seed = PROCUREMENT_RULE.versions[0]!.data;
  it('every seed version fits the schema', () => {
    for (const v of PROCUREMENT_RULE.versions) expect(paths(v.data)).toEqual([]);
  });
  it('refuses a bond share above 100 %, a number for a yuan amount and zero quotes', () => {
    expect(paths({ ...seed, bidBondMaxShare: 2, smallPurchaseBelowYuan: 500000, minQuotes: 0 })).toEqual(
      expect.arrayContaining(['bidBondMaxShare', 'smallPurchaseBelowYuan', 'minQuotes']),
    );
  });
});
