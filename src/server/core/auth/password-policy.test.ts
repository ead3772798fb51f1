import { afterEach, describe, expect, it } from 'vitest';
import { resetClock, setClockForTests } from '../util/dates';
import { COMMON_PASSWORDS, isCommonPassword } from './common-passwords';
import { DEFAULT_PASSWORD_POLICY as P, ZPasswordPolicy, passwordExpired, passwordIssues } from './password-policy';

afterEach(() => resetClock());

describe('password policy rules', () => {
  it('names every rule a candidate breaks', () => {
    expect(passwordIssues(P, 'Qz#8tfk2Lp', 'clerk')).toEqual([]);
    expect(passwordIssues(P, 'Qz#8', 'clerk')).toEqual(['length']);
    expect(passwordIssues(P, 'abcdefghij', 'clerk')).toEqual(['classes']);
    expect(passwordIssues(P, 'Clerk#2026x', 'clerk')).toEqual(['username']);
    expect(passwordIssues(P, 'Password1', 'clerk')).toEqual(['common']);
    expect(passwordIssues(P, 'ADMIN@123', 'clerk')).toEqual(['common']);
    expect(passwordIssues(P, 'x'.repeat(129), null)).toEqual(['length', 'classes']);
  });

  it('follows the data: a looser version lets through what the default refuses', () => {
    const loose = { ...P, minClasses: 1, forbidUsername: false, refuseCommon: false };
    expect(passwordIssues(loose, 'Clerk#2026x', 'clerk')).toEqual([]);
    expect(passwordIssues(loose, 'Password1', 'clerk')).toEqual([]);
  });

  it('refuses the common list that passes every other rule, and keeps about a hundred', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThanOrEqual(100);
    expect(isCommonPassword('Admin@123')).toBe(true);
    expect(isCommonPassword('Qz#8tfk2Lp')).toBe(false);
    const passesTheRest = COMMON_PASSWORDS.filter((p) => passwordIssues({ ...P, refuseCommon: false }, p).length === 0);
    expect(passesTheRest.length).toBeGreaterThan(0);
  });

  it('expires a password after expiryDays by the core clock, never when 0', () => {
    const changed = new Date('2026-01-01T00:00:00Z');
    setClockForTests('2026-03-31T23:59:00Z');
    expect(passwordExpired(P, changed)).toBe(false);
    setClockForTests('2026-04-01T00:00:00Z');
    expect(passwordExpired(P, changed)).toBe(true);
    expect(passwordExpired({ ...P, expiryDays: 0 }, changed)).toBe(false);
  });

  it('the schema refuses a policy below the MLPS floor', () => {
    expect(ZPasswordPolicy.safeParse({ ...P, minLength: 6 }).success).toBe(false);
    expect(ZPasswordPolicy.safeParse(P).success).toBe(true);
  });
});
