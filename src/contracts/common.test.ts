import { describe, expect, it } from 'vitest';
import { ZIsoDate, ZIsoMonth, ZIsoTime, ZPageNo } from './common';

describe('the shared date types refuse what PostgreSQL would refuse as a 500', () => {
  it('takes only days that exist, in years 1000–9999', () => {
    for (const ok of ['2026-03-02', '2028-02-29', '1000-01-01', '9999-12-31']) expect(ZIsoDate.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['0000-01-01', '0999-12-31', '2026-02-30', '2027-02-29', '2026-13-01', '2026-00-10', '2026-1-1', '10000-01-01', ''])
      expect(ZIsoDate.safeParse(bad).success, bad).toBe(false);
  });
  it('takes only moments whose day and time exist', () => {
    for (const ok of ['2026-03-02T09:00:00+08:00', '2026-03-02T09:00Z', '2028-02-29T23:59:59.123456+08:00'])
      expect(ZIsoTime.safeParse(ok).success, ok).toBe(true);
    for (const bad of [
      '2026-02-30T09:00:00+08:00',
      '0000-01-01T00:00:00Z',
      '2026-03-02T24:00:00Z',
      '2026-03-02T09:60:00Z',
      '2026-03-02T09:00:00',
    ])
      expect(ZIsoTime.safeParse(bad).success, bad).toBe(false);
  });
  it('takes months 01–12 of years 1000–9999, and page numbers an OFFSET can hold', () => {
    expect(ZIsoMonth.safeParse('2026-12').success).toBe(true);
    for (const bad of ['0000-01', '2026-13', '2026-00']) expect(ZIsoMonth.safeParse(bad).success, bad).toBe(false);
    expect(ZPageNo.safeParse('3').success).toBe(true);
    for (const bad of ['0', '1.5', '99999999999999999999', '1e20']) expect(ZPageNo.safeParse(bad).success, bad).toBe(false);
  });
});
