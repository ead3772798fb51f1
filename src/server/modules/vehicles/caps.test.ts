import { describe, expect, it } from 'vitest';
import { VEHICLE_CAPS_RULE } from './vehicles.ruletables';
import {
  type VehicleCapsRule,
  capFor,
  checkDisplacement,
  checkDomestic,
  checkLeaderSuv,
  checkNewEnergy,
  checkPrice,
  checkQuota,
  checkReceiver,
  checkReplacement,
  fullYears,
  isNewEnergy,
  purchaseChecks,
  unitCap,
} from './caps';

/** The seeded rule in force (the highest version of `vehicle_caps`), as the service reads it. */
const seeded = [...VEHICLE_CAPS_RULE.versions].sort((a, b) => b.version - a.version)[0]!;
const rule = seeded.data as VehicleCapsRule;
const sedan = { type: 'other', bodyType: 'sedan', energy: 'gasoline' };

describe('seeded vehicle_caps', () => {
  it('is version 2, keyed by the module’s type codes, with the regulation’s figures', () => {
    expect(seeded.version).toBe(2);
    expect(Object.keys(rule.byType).sort()).toEqual(['confidential_comm', 'emergency', 'law_enforcement', 'other', 'special_technical']);
    expect(rule.byType.confidential_comm).toMatchObject({ priceCapYuan: 120000, displacementCapL: 1.6 });
    expect(rule.byType.emergency).toMatchObject({ priceCapYuan: 180000, displacementCapL: 1.8 });
    expect(rule.byBodyType?.bus_large).toEqual({ priceCapYuan: 450000, displacementCapL: null });
    expect(rule.unitCapRatio).toBe(0.7);
    expect(rule.replacement).toMatchObject({ years: 8, km: 250000 });
  });
});

describe('which cap applies', () => {
  it('uses the type’s cap for an ordinary vehicle', () => {
    expect(capFor(rule, { ...sedan, type: 'confidential_comm' })).toEqual({
      cap: { priceCapYuan: 120000, displacementCapL: 1.6 },
      source: 'type:confidential_comm',
    });
  });
  it('lets a bus body type override the type', () => {
    expect(capFor(rule, { type: 'confidential_comm', bodyType: 'bus_small_medium', energy: 'diesel' })?.cap).toEqual({
      priceCapYuan: 250000,
      displacementCapL: 3.0,
    });
    expect(capFor(rule, { type: 'other', bodyType: 'bus_large', energy: 'diesel' })?.source).toBe('body:bus_large');
  });
  it('gives new-energy sedans their own line, but not new-energy SUVs or fuel sedans', () => {
    expect(capFor(rule, { ...sedan, energy: 'electric', type: 'confidential_comm' })?.source).toBe('new_energy_sedan');
    expect(capFor(rule, { ...sedan, energy: 'plugin_hybrid' })?.source).toBe('new_energy_sedan');
    expect(capFor(rule, { type: 'other', bodyType: 'suv', energy: 'electric' })?.source).toBe('type:other');
    expect(capFor(rule, { ...sedan, energy: 'hybrid' })?.source).toBe('type:other');
  });
  it('is null for a type the rule does not name', () => {
    expect(capFor(rule, { ...sedan, type: 'unknown' })).toBeNull();
  });
  it('knows new energy from the rule, not from the code', () => {
    expect(isNewEnergy(rule, 'electric')).toBe(true);
    expect(isNewEnergy(rule, 'fuel_cell')).toBe(true);
    expect(isNewEnergy(rule, 'hybrid')).toBe(false);
    expect(isNewEnergy({ ...rule, newEnergyEnergies: ['hybrid'] }, 'hybrid')).toBe(true);
  });
});

describe('price', () => {
  it('passes at the cap and fails one yuan above', () => {
    expect(checkPrice(rule, { ...sedan, price: '180000.00' })).toMatchObject({ rule: 'price', passed: true, params: { cap: 180000 } });
    expect(checkPrice(rule, { ...sedan, price: '180000.01' })).toMatchObject({
      passed: false,
      params: { price: '180000.01', cap: 180000 },
    });
  });
  it('applies the lower cap of confidential-communication vehicles', () => {
    expect(checkPrice(rule, { ...sedan, type: 'confidential_comm', price: '130000.00' }).passed).toBe(false);
    expect(checkPrice(rule, { ...sedan, type: 'law_enforcement', price: '120000.00' }).passed).toBe(true);
  });
  it('allows a large bus up to its own cap', () => {
    expect(checkPrice(rule, { type: 'other', bodyType: 'bus_large', energy: 'diesel', price: '450000.00' }).passed).toBe(true);
    expect(checkPrice(rule, { type: 'other', bodyType: 'bus_large', energy: 'diesel', price: '450001.00' }).passed).toBe(false);
  });
  it('lets a new-energy confidential sedan up to the new-energy cap', () => {
    expect(checkPrice(rule, { type: 'confidential_comm', bodyType: 'sedan', energy: 'electric', price: '175000.00' }).passed).toBe(true);
  });
  it('passes with a note when no cap is set', () => {
    expect(checkPrice(rule, { ...sedan, type: 'unknown', price: '10000000.00' })).toMatchObject({
      passed: true,
      code: 'VCHECK_PRICE_NONE',
    });
  });
  it('follows a new rule version', () => {
    const v3 = { ...rule, byType: { ...rule.byType, other: { priceCapYuan: 200000, displacementCapL: 2.0 } } };
    expect(checkPrice(v3, { ...sedan, price: '190000.00' }).passed).toBe(true);
  });
});

describe('displacement', () => {
  it('passes at the cap and fails above it', () => {
    expect(checkDisplacement(rule, { ...sedan, displacement: 1.8 }).passed).toBe(true);
    expect(checkDisplacement(rule, { ...sedan, displacement: 2.0 })).toMatchObject({ passed: false, params: { value: 2.0, cap: 1.8 } });
    expect(checkDisplacement(rule, { ...sedan, type: 'confidential_comm', displacement: 1.8 }).passed).toBe(false);
  });
  it('does not apply to battery-electric vehicles, new-energy sedans or large buses', () => {
    expect(checkDisplacement(rule, { ...sedan, energy: 'electric', displacement: null })).toMatchObject({
      passed: true,
      code: 'VCHECK_DISPLACEMENT_NONE',
    });
    expect(checkDisplacement(rule, { ...sedan, energy: 'plugin_hybrid', displacement: 2.0 }).passed).toBe(true);
    expect(checkDisplacement(rule, { type: 'other', bodyType: 'bus_large', energy: 'diesel', displacement: 9.0 }).passed).toBe(true);
  });
  it('fails when a cap applies and no displacement is given', () => {
    expect(checkDisplacement(rule, { ...sedan, displacement: null })).toMatchObject({ passed: false, code: 'VCHECK_DISPLACEMENT_MISSING' });
  });
  it('allows 3.0 L for a small or medium bus', () => {
    expect(checkDisplacement(rule, { type: 'other', bodyType: 'bus_small_medium', energy: 'diesel', displacement: 3.0 }).passed).toBe(true);
    expect(checkDisplacement(rule, { type: 'other', bodyType: 'bus_small_medium', energy: 'diesel', displacement: 3.2 }).passed).toBe(
      false,
    );
  });
});

describe('domestic brands only', () => {
  it('fails an imported brand while the rule says so', () => {
    expect(checkDomestic(rule, { domestic: true }).passed).toBe(true);
    expect(checkDomestic(rule, { domestic: false })).toMatchObject({ rule: 'domestic', passed: false });
    expect(checkDomestic({ ...rule, domesticOnly: false }, { domestic: false }).passed).toBe(true);
  });
});

describe("no SUV as a leader's fixed car", () => {
  it('fails an SUV only when it is a leader’s fixed car', () => {
    expect(checkLeaderSuv(rule, { leaderFixed: true, bodyType: 'suv' })).toMatchObject({ rule: 'leader_no_suv', passed: false });
    expect(checkLeaderSuv(rule, { leaderFixed: true, bodyType: 'sedan' }).passed).toBe(true);
    expect(checkLeaderSuv(rule, { leaderFixed: false, bodyType: 'suv' })).toMatchObject({ passed: true, code: 'VCHECK_SUV_NA' });
  });
  it('reads the SUV body types and the switch from the rule', () => {
    expect(checkLeaderSuv({ ...rule, suvBodyTypes: ['suv', 'pickup'] }, { leaderFixed: true, bodyType: 'pickup' }).passed).toBe(false);
    expect(checkLeaderSuv({ ...rule, noSuvForLeaderFixedCar: false }, { leaderFixed: true, bodyType: 'suv' }).passed).toBe(true);
  });
});

describe('new energy first', () => {
  it('passes new energy; a fuel vehicle needs a written reason', () => {
    expect(checkNewEnergy(rule, { energy: 'electric' })).toMatchObject({ passed: true, code: 'VCHECK_NEW_ENERGY_OK' });
    expect(checkNewEnergy(rule, { energy: 'gasoline' })).toMatchObject({ rule: 'new_energy_first', passed: false });
    expect(checkNewEnergy(rule, { energy: 'hybrid', fuelReason: '   ' }).passed).toBe(false);
    expect(checkNewEnergy(rule, { energy: 'diesel', fuelReason: '山区线路无充电条件' })).toMatchObject({
      passed: true,
      params: { reason: '山区线路无充电条件' },
    });
  });
  it('needs no reason when the rule does not ask for one', () => {
    expect(checkNewEnergy({ ...rule, fuelNeedsReason: false }, { energy: 'gasoline' }).passed).toBe(true);
  });
});

describe('quota', () => {
  it('rounds the cap down', () => {
    expect(unitCap(10, 0.7)).toBe(7);
    expect(unitCap(3, 0.7)).toBe(2);
    expect(unitCap(1, 0.7)).toBe(0);
    expect(unitCap(0, 0.7)).toBe(0);
    expect(unitCap(30, 0.7)).toBe(21);
    // 0.1 × 30 is 3.0000000000000004 and 0.7 × 100 is 70.00000000000001 in binary floating point.
    expect(unitCap(30, 0.1)).toBe(3);
    expect(unitCap(100, 0.7)).toBe(70);
  });
  it('needs held + in progress below the cap for one more', () => {
    expect(checkQuota(rule, { quota: 10, actual: 6, pending: 0, replacementInUnit: false })).toMatchObject({
      passed: true,
      params: { cap: 7, actual: 6, pending: 0, quota: 10, ratio: 0.7 },
    });
    expect(checkQuota(rule, { quota: 10, actual: 6, pending: 1, replacementInUnit: false }).passed).toBe(false);
    expect(checkQuota(rule, { quota: 10, actual: 7, pending: 0, replacementInUnit: false }).passed).toBe(false);
    expect(checkQuota(rule, { quota: 0, actual: 0, pending: 0, replacementInUnit: false }).passed).toBe(false);
  });
  it('does not count a replacement within the unit', () => {
    expect(checkQuota(rule, { quota: 10, actual: 9, pending: 3, replacementInUnit: true })).toMatchObject({
      passed: true,
      code: 'VCHECK_QUOTA_REPLACEMENT',
    });
  });
  it('uses the ratio of the rule version', () => {
    expect(checkQuota({ ...rule, unitCapRatio: 1 }, { quota: 10, actual: 9, pending: 0, replacementInUnit: false }).passed).toBe(true);
  });
  it('checks a receiving unit’s room for a transfer', () => {
    expect(checkReceiver(rule, { quota: 3, actual: 1, pending: 0 })).toMatchObject({
      rule: 'receiver_quota',
      passed: true,
      params: { cap: 2 },
    });
    expect(checkReceiver(rule, { quota: 3, actual: 1, pending: 1 }).passed).toBe(false);
  });
});

describe('replacement', () => {
  const old = (purchaseDate: string, odometerKm: number) => ({ plate: '苏A12345', purchaseDate, odometerKm });
  it('counts whole years', () => {
    expect(fullYears('2018-11-24', '2026-11-24')).toBe(8);
    expect(fullYears('2018-11-25', '2026-11-24')).toBe(7);
    expect(fullYears('2018-12-01', '2026-11-30')).toBe(7);
    expect(fullYears('2016-02-29', '2024-02-28')).toBe(7);
  });
  it('is due after the service life or the mileage, whichever comes first', () => {
    expect(checkReplacement(rule, old('2018-11-24', 10000), '2026-11-24')).toMatchObject({ passed: true, params: { years: 8 } });
    expect(checkReplacement(rule, old('2018-11-25', 249999), '2026-11-24')).toMatchObject({
      passed: false,
      params: { years: 7, km: 249999 },
    });
    expect(checkReplacement(rule, old('2024-01-01', 250000), '2026-11-24').passed).toBe(true);
  });
  it('follows configured thresholds', () => {
    expect(checkReplacement({ ...rule, replacement: { years: 6, km: 200000 } }, old('2020-01-01', 1), '2026-11-24').passed).toBe(true);
  });
});

describe('all checks of a purchase', () => {
  it('returns every rule in order, the replacement check only for a replacement', () => {
    const v = { ...sedan, bodyType: 'suv', price: '320000.00', displacement: 2.5, domestic: false, leaderFixed: true };
    const checks = purchaseChecks(rule, v, { quota: 10, actual: 2, pending: 0 }, null, '2026-11-24');
    expect(checks.map((c) => [c.rule, c.passed])).toEqual([
      ['price', false],
      ['displacement', false],
      ['domestic', false],
      ['leader_no_suv', false],
      ['new_energy_first', false],
      ['quota', true],
    ]);
    const repl = purchaseChecks(
      rule,
      { ...sedan, energy: 'electric', price: '150000.00', domestic: true },
      { quota: 1, actual: 1, pending: 0 },
      { plate: '苏A1', purchaseDate: '2015-01-01', odometerKm: 1, sameUnit: true },
      '2026-11-24',
    );
    expect(repl.every((c) => c.passed)).toBe(true);
    expect(repl.at(-1)!.rule).toBe('replacement');
    const otherUnit = purchaseChecks(
      rule,
      { ...sedan, energy: 'electric', price: '150000.00', domestic: true },
      { quota: 1, actual: 1, pending: 0 },
      { plate: '苏A1', purchaseDate: '2015-01-01', odometerKm: 1, sameUnit: false },
      '2026-11-24',
    );
    expect(otherUnit.find((c) => c.rule === 'quota')!.passed).toBe(false);
  });
});

describe('law enforcement "where needed" (执法执勤 18万 / 1.8 L)', () => {
  const police = { type: 'law_enforcement', bodyType: 'sedan', energy: 'hybrid', price: '165000.00', displacement: 1.8, domestic: true };
  it('holds the ordinary line unless the higher one is claimed', () => {
    expect(checkPrice(rule, police).passed).toBe(false);
    expect(checkPrice(rule, { ...police, whereNeeded: true }).passed).toBe(true);
    expect(checkDisplacement(rule, { ...police, whereNeeded: true }).passed).toBe(true);
  });
  it('needs a written reason, and only types that have a higher line may claim it', () => {
    const without = purchaseChecks(rule, { ...police, whereNeeded: true }, { quota: 10, actual: 0, pending: 0 }, null, '2026-11-24');
    expect(without.find((c) => c.rule === 'where_needed')).toMatchObject({ passed: false, code: 'VCHECK_WHERE_NEEDED_REASON' });
    const withReason = purchaseChecks(
      rule,
      { ...police, whereNeeded: true, whereNeededReason: '山区巡逻' },
      { quota: 10, actual: 0, pending: 0 },
      null,
      '2026-11-24',
    );
    expect(withReason.find((c) => c.rule === 'where_needed')?.passed).toBe(true);
    const other = purchaseChecks(
      rule,
      { ...police, type: 'confidential_comm', whereNeeded: true, whereNeededReason: 'x' },
      { quota: 10, actual: 0, pending: 0 },
      null,
      '2026-11-24',
    );
    expect(other.find((c) => c.rule === 'where_needed')).toMatchObject({ passed: false, code: 'VCHECK_WHERE_NEEDED_NONE' });
    // Not claimed: no such check at all.
    expect(
      purchaseChecks(rule, police, { quota: 10, actual: 0, pending: 0 }, null, '2026-11-24').some((c) => c.rule === 'where_needed'),
    ).toBe(false);
  });
});
