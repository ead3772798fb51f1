import { describe, expect, it } from 'vitest';
import { FieldCipher, hashPassword, maskIdNumber, maskPhone, passwordMeetsPolicy, sm3, verifyPassword } from './crypto';

const KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

describe('passwords', () => {
  it('hashes with argon2id and verifies', async () => {
    const h = await hashPassword('Houqin@2026');
    expect(h.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(h, 'Houqin@2026')).toBe(true);
    expect(await verifyPassword(h, 'houqin@2026')).toBe(false);
    expect(await verifyPassword('garbage', 'x')).toBe(false);
  });
  it('applies the policy: ≥ 8 characters and three classes', () => {
    expect(passwordMeetsPolicy('Houqin@2026')).toBe(true);
    expect(passwordMeetsPolicy('houqin2026')).toBe(false); // two classes
    expect(passwordMeetsPolicy('Hq@1')).toBe(false); // too short
    expect(passwordMeetsPolicy('HOUQIN2026!')).toBe(true);
  });
});

describe('SM3 and SM4', () => {
  it('computes SM3 per GB/T 32905 (test vector "abc")', () => {
    expect(sm3('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
  it('encrypts with a random IV, decrypts, and detects tampering', () => {
    const c = new FieldCipher(KEY);
    const a = c.encrypt('13812345678');
    const b = c.encrypt('13812345678');
    expect(a).not.toBe(b);
    expect(a).not.toContain('13812345678');
    expect(c.decrypt(a)).toBe('13812345678');
    const parts = a.split('.');
    const ct = Buffer.from(parts[2]!, 'base64url');
    ct[0] = ct[0]! ^ 1;
    parts[2] = ct.toString('base64url');
    expect(() => c.decrypt(parts.join('.'))).toThrow();
  });
  it('gives a stable blind index independent of case and spaces', () => {
    const c = new FieldCipher(KEY);
    expect(c.blindIndex('32010219900101123x')).toBe(c.blindIndex(' 32010219900101123X '));
  });
  it('masks personal data', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskIdNumber('320102199001011234')).toBe('3201**********1234');
  });
});
