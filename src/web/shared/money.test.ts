import { describe, expect, it } from 'vitest';
import { formatMoney, sumYuan, toFen, formatWan } from './money';

describe('formatMoney', () => {
  it('groups thousands and keeps two decimals (the same in zh-CN and en)', () => {
    expect(formatMoney('1234.5')).toBe('1,234.50');
    expect(formatMoney('0')).toBe('0.00');
    expect(formatMoney('999.99')).toBe('999.99');
    expect(formatMoney('1000000')).toBe('1,000,000.00');
  });
  it('keeps the sign of a negative amount', () => {
    expect(formatMoney('-1234.05')).toBe('-1,234.05');
    expect(formatMoney(-0.5)).toBe('-0.50');
  });
  it('keeps every fen of a large amount (beyond a double’s exact integers)', () => {
    expect(formatMoney('98765432109876.54')).toBe('98,765,432,109,876.54');
    expect(formatMoney(12345678901234567n)).toBe('123,456,789,012,345.67');
  });
  it('adds in fen: 0.1 + 0.2 is 0.30', () => {
    expect(formatMoney(sumYuan(['0.1', '0.2']))).toBe('0.30');
    expect(formatMoney(0.1 + 0.2)).toBe('0.30');
    expect(toFen('0.1') + toFen('0.2')).toBe(30n);
  });
  it('shows a dash for nothing or for what is not an amount', () => {
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney(undefined)).toBe('—');
    expect(formatMoney('')).toBe('—');
    expect(formatMoney('abc')).toBe('—');
    expect(formatMoney(null, '')).toBe('');
  });
});

describe('formatWan', () => {
  it('shows 万元 with two decimals, rounded half-up on the fen', () => {
    expect(formatWan('17302500.00')).toBe('1,730.25');
    expect(formatWan('17302550.00')).toBe('1,730.26');
    expect(formatWan('17302549.99')).toBe('1,730.25');
    expect(formatWan('-50000.00')).toBe('-5.00');
    expect(formatWan('0')).toBe('0.00');
  });
  it('shows a dash for nothing', () => {
    expect(formatWan(null)).toBe('—');
    expect(formatWan('abc')).toBe('—');
  });
});

describe('formatYuan', () => {
  it('shows an amount with the yuan sign, separators and two decimals', async () => {
    const { formatYuan } = await import('./money');
    expect(formatYuan('1025000.00')).toBe('¥1,025,000.00');
    expect(formatYuan(47)).toBe('¥47.00');
    expect(formatYuan('36.9')).toBe('¥36.90');
    expect(formatYuan('58.14')).toBe('¥58.14');
    expect(formatYuan('-1234.5')).toBe('-¥1,234.50');
    expect(formatYuan(null)).toBe('—');
    expect(formatYuan('abc', '')).toBe('');
  });
});
