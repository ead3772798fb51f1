import { describe, expect, it } from 'vitest';
import { VEHICLE_CAPS_RULE } from './vehicles.ruletables';

const paths = (schema: { safeParse: (d: unknown) => { error?: { issues: { path: PropertyKey[] }[] } } }, data: unknown) =>
  (schema.safeParse(data).error?.issues ?? []).map((i) => i.path.map(String).join('.'));

describe('vehicle_caps', () => {
  const latest = VEHICLE_CAPS_RULE.versions.at(-1)!;
  it('the version in force fits the schema; version 1 is kept as history in its own shape', () => {
    expect(paths(VEHICLE_CAPS_RULE.schema, latest.data)).toEqual([]);
    expect(VEHICLE_CAPS_RULE.versions[0]!.legacySchema).toBeDefined();
    expect(paths(VEHICLE_CAPS_RULE.schema, VEHICLE_CAPS_RULE.versions[0]!.data).length).toBeGreaterThan(0);
  });
  it('refuses a negative price cap and a quota share above 1, naming each', () => {
    const bad = {
      ...latest.data,
      byType: { ...latest.data.byType, emergency: { priceCapYuan: -1, displacementCapL: 1.8 } },
      unitCapRatio: 1.5,
    };
    expect(paths(VEHICLE_CAPS_RULE.schema, bad)).toEqual(expect.arrayContaining(['byType.emergency.priceCapYuan', 'unitCapRatio']));
  });
});
