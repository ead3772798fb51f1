import { describe, expect, it } from 'vitest';
import { fenToYuan, ratioOf, sumYuan, toFen, toYuan, toYuanOrNull } from './money';
import { ZMoney, ZMoneyOut, zMoney } from '../../../contracts/common';

describe('exact money', () => {
  it('parses decimal strings and numbers to fen without float drift', () => {
    expect(toFen('0.1') + toFen('0.2')).toBe(30n);
    expect(fenToYuan(toFen('17300000') - toFen('15220000'))).toBe('2080000.00');
    expect(sumYuan(['0.10', 0.2, '1.05'])).toBe('1.35');
    expect(toFen('-3.5')).toBe(-350n);
    expect(() => toFen('1.234')).toThrow();
    expect(() => toFen('abc')).toThrow();
  });
  it('rounds ratios half-up and refuses a zero denominator', () => {
    expect(ratioOf(toFen('2080000'), toFen('17300000'))).toBe(0.1202);
    expect(ratioOf(1n, 3n, 4)).toBe(0.3333);
    expect(ratioOf(2n, 3n, 4)).toBe(0.6667);
    expect(ratioOf(1n, 0n)).toBeNull();
  });
  it('the money contract accepts strings and numbers with at most two decimals', () => {
    expect(ZMoney.parse('1730')).toBe('1730.00');
    expect(ZMoney.parse(12.5)).toBe('12.50');
    expect(ZMoney.parse('0012.05')).toBe('12.05');
    expect(ZMoney.safeParse('-1').success).toBe(false);
    expect(ZMoney.safeParse(0.1 + 0.2).success).toBe(false);
    expect(ZMoney.safeParse('1.234').success).toBe(false);
    expect(ZMoney.safeParse('1e5').success).toBe(false);
    expect(ZMoney.safeParse('100000000000000').success).toBe(false);
  });
});

describe('the one money type', () => {
  it('normalises any money value to "1234.50" and keeps null', () => {
    expect(toYuan('1234.5')).toBe('1234.50');
    expect(toYuan(0)).toBe('0.00');
    expect(toYuan('-0.5')).toBe('-0.50');
    expect(toYuan('98765432109876.54')).toBe('98765432109876.54');
    expect(toYuanOrNull(null)).toBeNull();
    expect(toYuanOrNull('7')).toBe('7.00');
    expect(() => toYuan(0.1 + 0.2)).toThrow();
  });
  it('zMoney bounds a module’s amounts and can require more than zero', () => {
    const m = zMoney({ max: 100, positive: true });
    expect(m.parse('99.99')).toBe('99.99');
    expect(m.parse(100)).toBe('100.00');
    expect(m.safeParse('100.01').success).toBe(false);
    expect(m.safeParse('0').success).toBe(false);
    expect(zMoney().parse('0')).toBe('0.00');
    expect(ZMoneyOut.parse('12.30')).toBe('12.30');
  });
});
