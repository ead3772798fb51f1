import { describe, expect, it } from 'vitest';
import { COAL_COEFFICIENTS_RULE, ENERGY_PARAMS_RULE } from './energy.ruletables';

const paths = (schema: { safeParse: (d: unknown) => { error?: { issues: { path: PropertyKey[] }[] } } }, data: unknown) =>
  (schema.safeParse(data).error?.issues ?? []).map((i) => i.path.map(String).join('.'));

describe('coal_coefficients', () => {
  const seed = COAL_COEFFICIENTS_RULE.versions[0]!.data;
  it('every seed version fits the schema', () => {
    for (const v of COAL_COEFFICIENTS_RULE.versions) expect(paths(COAL_COEFFICIENTS_RULE.schema, v.data)).toEqual([]);
  });
  it('refuses a zero coefficient and a water-loss threshold above 100 %', () => {
    expect(
      paths(COAL_COEFFICIENTS_RULE.schema, { ...seed, kgcePer: { ...seed.kgcePer, electricity_kWh: 0 }, waterLossThreshold: 4 }),
    ).toEqual(expect.arrayContaining(['kgcePer.electricity_kWh', 'waterLossThreshold']));
  });
});

describe('energy_rules', () => {
  const seed = ENERGY_PARAMS_RULE.versions[0]!.data;
  it('every seed version fits the schema', () => {
    for (const v of ENERGY_PARAMS_RULE.versions) expect(paths(ENERGY_PARAMS_RULE.schema, v.data)).toEqual([]);
  });
  it('refuses an unknown electricity scheme, a month 13 and a text emission factor', () => {
    const bad = {
      ...seed,
      electricityScheme: 'average',
      patrol: { ...seed.patrol, summerMonths: [6, 13] },
      emissionFactors: { ...seed.emissionFactors, diesel_kg: 'x' },
    };
    expect(paths(ENERGY_PARAMS_RULE.schema, bad)).toEqual(
      expect.arrayContaining(['electricityScheme', 'patrol.summerMonths.1', 'emissionFactors.diesel_kg']),
    );
  });
});
