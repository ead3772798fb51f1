import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// The browser (here: the process) is not in China: the helpers must not care.
const savedTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/Los_Angeles';
});
afterAll(() => {
  process.env.TZ = savedTz;
  vi.useRealTimers();
});

describe('China time on the web, whatever the browser’s zone', async () => {
  const { cnToday, cnMonth, cnYear, fmtDay, fmtInstant } = await import('./dates');

  it('runs in another zone (the test means something)', () => {
    expect(new Date('2026-03-01T23:30:00Z').getHours()).not.toBe(7);
  });

  it('shows an instant at 2026-03-01T23:30Z as 2 March, 07:30 in China', () => {
    expect(fmtDay('2026-03-01T23:30:00Z')).toBe('2026-03-02');
    expect(fmtInstant('2026-03-01T23:30:00Z')).toBe('2026-03-02 07:30');
    expect(fmtInstant('2026-03-01T23:30:15.123Z', { seconds: true })).toBe('2026-03-02 07:30:15');
    expect(fmtInstant(Date.parse('2026-03-01T23:30:00Z'))).toBe('2026-03-02 07:30');
    // An instant already written with +08:00 stays on its day.
    expect(fmtDay('2026-03-02T00:10:00+08:00')).toBe('2026-03-02');
    expect(fmtInstant('2026-12-31T16:00:00Z')).toBe('2027-01-01 00:00');
  });

  it('keeps a bare day and shows a dash for nothing', () => {
    expect(fmtDay('2026-03-02')).toBe('2026-03-02');
    expect(fmtDay(null)).toBe('—');
    expect(fmtDay(undefined, '')).toBe('');
    expect(fmtInstant('')).toBe('—');
    expect(fmtInstant('not a time')).toBe('—');
    expect(fmtInstant(null, { empty: '' })).toBe('');
  });

  it('takes today, this month and this year from China’s calendar', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-31T17:00:00Z')); // 1 January 2027, 01:00 in China
    expect(cnToday()).toBe('2027-01-01');
    expect(cnMonth()).toBe('2027-01');
    expect(cnYear()).toBe(2027);
    vi.useRealTimers();
  });
});
