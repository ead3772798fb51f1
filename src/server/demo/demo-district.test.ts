import { describe, expect, it } from 'vitest';
import { isValidIdNumber, isValidPhone } from '../../contracts/core/people';
import { isValidCreditCode } from '../core/org/credit-code';
import { buildDemoDistrict } from './demo-district';

describe('demo district', () => {
  const d = buildDemoDistrict();
  it('is deterministic', () => {
    expect(buildDemoDistrict()).toEqual(d);
  });
  it('has the scale of the seed office park', () => {
    expect(d.units.length).toBeGreaterThanOrEqual(33);
    expect(d.people.length).toBeGreaterThan(1600);
    expect(d.people.length).toBeLessThan(1900);
  });
  it('has well-formed codes, IDs and phones, and county-row post levels', () => {
    for (const u of d.units) expect(isValidCreditCode(u.creditCode)).toBe(true);
    expect(new Set(d.units.map((u) => u.creditCode)).size).toBe(d.units.length);
    for (const p of d.people) {
      expect(isValidIdNumber(p.idNumber)).toBe(true);
      expect(isValidPhone(p.phone)).toBe(true);
      expect(['131', '132', '141', '142', '150', '160']).toContain(p.postLevel);
      expect(p.name.length).toBeGreaterThanOrEqual(2);
    }
    expect(new Set(d.people.map((p) => p.employeeNo)).size).toBe(d.people.length);
    expect(new Set(d.people.map((p) => p.idNumber)).size).toBe(d.people.length);
  });
});
