import { describe, expect, it } from 'vitest';
import { OFFICE_AREA_RULE } from './office.ruletables';

const paths = (data: unknown) => (OFFICE_AREA_RULE.schema.safeParse(data).error?.issues ?? []).map((i) => i.path.join('.'));
const seed = OFFICE_AREA_RULE.versions[0]!.data;

describe('office_area_standard', () => {
  it('every seed version fits the schema', () => {
    for (const v of OFFICE_AREA_RULE.versions) expect(paths(v.data), `v${v.version}`).toEqual([]);
  });
  it('seeds the county row as in the regulation', () => {
    expect(seed.standards.county).toMatchObject({ '131': 30, '132': 24, '141': 18, '142': 12, '150': 9 });
    expect((seed.standards.city as Record<string, number>)['121']).toBe(42);
  });
  it('refuses a non-positive area, a text area and a missing field, naming each', () => {
    const bad = {
      ...seed,
      standards: { ...seed.standards, county: { ...seed.standards.county, '131': 0, '150': '9' } },
      majorRepairMaxAreaIncrease: undefined,
    };
    expect(paths(bad)).toEqual(expect.arrayContaining(['standards.county.131', 'standards.county.150', 'majorRepairMaxAreaIncrease']));
  });
});
