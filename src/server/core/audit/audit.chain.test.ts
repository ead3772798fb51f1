import { describe, expect, it } from 'vitest';
import { maskForAudit, maskFreeText } from './audit.chain';

describe('personal data in free text is masked for the audit log', () => {
  it('masks mobiles (plain and grouped), landlines and ID numbers inside text', () => {
    expect(maskFreeText('王五 13812345678')).toBe('王五 138****5678');
    expect(maskFreeText('联系人：王五，电话138-1234-5678。')).toBe('联系人：王五，电话138****5678。');
    expect(maskFreeText('tel 138 1234 5678')).toBe('tel 138****5678');
    expect(maskFreeText('办公室 0571-88886666')).toBe('办公室 057****6666');
    expect(maskFreeText('身份证110101199003071234号')).toBe('身份证1101**********1234号');
    expect(maskFreeText('ID 11010119900307123X')).toBe('ID 1101**********123X');
    expect(maskFreeText('old id 110101900307123')).toBe('old id 1101*******7123');
  });
  it('leaves amounts, dates, ids and checksums alone', () => {
    for (const s of [
      '金额 12345678.90 元',
      '2026-12-07T01:02:03.456Z',
      'asset #1234567',
      'sha256 a13812345678b9f0c',
      'order 123456789012', // 12 digits: neither a phone nor an ID number
      '1381234567', // 10 digits
    ])
      expect(maskFreeText(s)).toBe(s);
  });
  it('masks every string of a record, at any depth, as well as the personal keys', () => {
    const out = maskForAudit({
      contact: '王五 13812345678',
      phone: '13912345678',
      items: [{ note: '借用人身份证 110101199003071234' }],
      count: 13812345678, // a number is not text
    });
    expect(out).toEqual({
      contact: '王五 138****5678',
      phone: '139****5678',
      items: [{ note: '借用人身份证 1101**********1234' }],
      count: 13812345678,
    });
  });
});
