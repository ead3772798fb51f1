import { describe, expect, it } from 'vitest';
import { categoryMatches, categoryPrefix, disposalTier, isEarlyScrap, netValue } from './assets.rules';

const tiers = [
  { upToYuan: '500000.00', steps: ['unit_leader', 'bureau_asset_admin'], labelZh: '', labelEn: '' },
  { upToYuan: '2000000.00', steps: ['unit_leader', 'bureau_asset_admin', 'bureau_leader'], labelZh: '', labelEn: '' },
  { upToYuan: null, steps: ['unit_leader', 'bureau_asset_admin', 'bureau_leader', 'finance'], labelZh: '', labelEn: '' },
];

describe('category matching', () => {
  it('matches a category and its descendants only', () => {
    expect(categoryPrefix('A050100')).toBe('A0501');
    expect(categoryPrefix('A050000')).toBe('A05');
    expect(categoryMatches('A050100', 'A050103')).toBe(true);
    expect(categoryMatches('A050100', 'A050100')).toBe(true);
    expect(categoryMatches('A050100', 'A050200')).toBe(false);
    expect(categoryMatches('A050000', 'A050200')).toBe(true);
    expect(categoryMatches('A020101', 'A020102')).toBe(false);
  });
});

describe('disposal tiers', () => {
  it('puts each limit in its own tier (inclusive) and the next fen in the next', () => {
    expect(disposalTier(tiers, '0.00').index).toBe(0);
    expect(disposalTier(tiers, '500000.00').index).toBe(0);
    expect(disposalTier(tiers, '500000.01').index).toBe(1);
    expect(disposalTier(tiers, '2000000.00').index).toBe(1);
    expect(disposalTier(tiers, '2000000.01').index).toBe(2);
    expect(disposalTier(tiers, '99999999999.99').tier.steps).toContain('finance');
  });
});

describe('depreciation', () => {
  it('is straight-line monthly from the purchase month, without residual, exact to the fen', () => {
    expect(netValue('1200.00', '2024-01-15', 10, '2024-01-31')).toEqual({ accumulated: '10.00', net: '1190.00', months: 1 });
    expect(netValue('1000.00', '2024-01-15', 6, '2024-03-01')).toEqual({ accumulated: '41.67', net: '958.33', months: 3 });
    expect(netValue('1000.00', '2010-01-01', 6, '2026-12-01')).toEqual({ accumulated: '1000.00', net: '0.00', months: 72 });
    expect(netValue('500.00', '2024-01-01', 0, '2026-01-01').net).toBe('500.00');
    expect(netValue('500.00', '2024-05-01', 5, '2024-04-30').net).toBe('500.00');
  });
  it('flags scrap before the category life', () => {
    expect(isEarlyScrap('2020-01-10', 6, '2025-11-30')).toBe(true);
    expect(isEarlyScrap('2020-01-10', 6, '2025-12-01')).toBe(false);
    expect(isEarlyScrap('2020-01-10', 0, '2021-01-01')).toBe(false);
  });
});
