import { describe, expect, it } from 'vitest';
import { VEHICLE_COST_RULE } from './costs.ruletables';

const paths = (schema: { safeParse: (d: unknown) => { error?: { issues: { path: PropertyKey[] }[] } } }, data: unknown) =>
  (schema.safeParse(data).error?.issues ?? []).map((i) => i.path.map(String).join('.'));

describe('vehicle_cost_rules', () => {
  const seed = VEHICLE_COST_RULE.versions[0]!.data;
  it('every seed version fits the schema', () => {
    for (const v of VEHICLE_COST_RULE.versions) expect(paths(VEHICLE_COST_RULE.schema, v.data)).toEqual([]);
  });
  it('refuses a consumption factor of 1 or less and a fractional sample count', () => {
    expect(paths(VEHICLE_COST_RULE.schema, { ...seed, consumptionFactor: 0.9, consumptionMinSamples: 2.5 })).toEqual(
      expect.arrayContaining(['consumptionFactor', 'consumptionMinSamples']),
    );
  });
});
