import { describe, expect, it } from 'vitest';
import { CALENDAR_DAYS, type DayOverrides, fenToYuan, ratioOf, toFen } from '../../core';
import { PROCUREMENT_RULE } from './procurement.ruletables';
import { type ProcurementRules, type ProjectFacts, checkProject, needsQuotes, shareOf } from './disclosure';

const rule: ProcurementRules = PROCUREMENT_RULE.versions.at(-1)!.data;
const cal: DayOverrides = new Map(CALENDAR_DAYS.map((d) => [d.day, d.kind]));
const base: ProjectFacts = {
  method: 'open_tender',
  budget: '1000000.00',
  contractAmount: null,
  intentionPublishedOn: null,
  noticePublishedOn: null,
  singleSourceNoticeFrom: null,
  singleSourceNoticeTo: null,
  awardDate: null,
  resultPublishedOn: null,
  contractDate: null,
  contractPublishedOn: null,
  addOnAmount: '0.00',
  bidBond: null,
  performanceBond: null,
  quoteCount: 0,
  quoteExemptReason: null,
};
const codes = (p: Partial<ProjectFacts>, today = '2026-12-01') =>
  checkProject({ ...base, ...p }, rule, cal, today).breaches.map((b) => b.code);
const step = (p: Partial<ProjectFacts>, key: string, today = '2026-12-01') =>
  checkProject({ ...base, ...p }, rule, cal, today).steps.find((s) => s.key === key)!;

describe('procurement disclosure deadlines', () => {
  it('intention at least 30 calendar days before the notice', () => {
    expect(codes({ intentionPublishedOn: '2026-03-01', noticePublishedOn: '2026-03-31' })).toEqual([]);
    expect(codes({ intentionPublishedOn: '2026-03-02', noticePublishedOn: '2026-03-31' })).toEqual(['intention_late']);
    expect(codes({ noticePublishedOn: '2026-03-31' })).toEqual(['intention_missing']);
    // Framework orders publish no intention of their own (rule data, not code).
    expect(codes({ method: 'framework', noticePublishedOn: '2026-03-31' })).toEqual([]);
  });

  it('result within 2 working days of the award, across National Day 2026 and its 调休', () => {
    // Awarded Wed 30 Sep 2026: 1–7 Oct are holidays, Sat 10 Oct is a make-up working day.
    expect(step({ awardDate: '2026-09-30', resultPublishedOn: '2026-10-09' }, 'result')).toMatchObject({
      deadline: '2026-10-09',
      state: 'on_time',
    });
    expect(step({ awardDate: '2026-09-30', resultPublishedOn: '2026-10-10' }, 'result').state).toBe('late');
    // Awarded Fri 9 Oct: Sat 10 Oct (调休) counts, Sun 11 does not, so Mon 12 Oct is the deadline.
    expect(step({ awardDate: '2026-10-09' }, 'result', '2026-10-10')).toMatchObject({ deadline: '2026-10-12', state: 'pending' });
    expect(codes({ method: 'framework', awardDate: '2026-10-09' }, '2026-10-13')).toEqual(['result_late']);
  });

  it('contract within 2 working days of signing, across the 2026 Spring Festival', () => {
    // Signed Fri 13 Feb 2026: Sat 14 Feb is a 调休 working day, 15–23 Feb holidays → 24 Feb.
    expect(step({ method: 'framework', awardDate: '2026-02-10', contractDate: '2026-02-13' }, 'contract').deadline).toBe('2026-02-24');
    expect(
      codes({
        method: 'framework',
        awardDate: '2026-02-10',
        resultPublishedOn: '2026-02-11',
        contractDate: '2026-02-13',
        contractPublishedOn: '2026-02-25',
      }),
    ).toEqual(['contract_late']);
  });

  it('single-source notice of at least 5 working days', () => {
    const ss = { method: 'single_source', intentionPublishedOn: '2026-01-01', awardDate: '2026-03-20', resultPublishedOn: '2026-03-20' };
    expect(codes({ ...ss, singleSourceNoticeFrom: '2026-03-09', singleSourceNoticeTo: '2026-03-13' })).toEqual([]);
    expect(codes({ ...ss, singleSourceNoticeFrom: '2026-03-09', singleSourceNoticeTo: '2026-03-12' })).toEqual(['single_source_short']);
    // 30 Sep – 9 Oct 2026 holds only 3 working days (30 Sep, 8 and 9 Oct): National Day fills the rest.
    expect(
      codes({
        ...ss,
        singleSourceNoticeFrom: '2026-09-30',
        singleSourceNoticeTo: '2026-10-09',
        intentionPublishedOn: '2026-08-01',
        awardDate: '2026-10-20',
        resultPublishedOn: '2026-10-20',
      }),
    ).toEqual(['single_source_short']);
    expect(codes({ ...ss, singleSourceNoticeFrom: null, singleSourceNoticeTo: null })).toEqual(['single_source_short']);
  });

  it('bonds and add-ons against their shares, exactly to the fen', () => {
    const awarded = { method: 'framework', awardDate: '2026-05-06', resultPublishedOn: '2026-05-06', contractAmount: '880000.00' };
    expect(codes({ ...awarded, bidBond: '20000.00', performanceBond: '88000.00', addOnAmount: '88000.00' })).toEqual([]);
    expect(codes({ ...awarded, bidBond: '20000.01', performanceBond: '88000.01', addOnAmount: '88000.01' })).toEqual([
      'add_on_over',
      'bid_bond_over',
      'performance_bond_over',
    ]);
    expect(fenToYuan(shareOf('333.33', 0.1))).toBe('33.33');
  });

  it('small purchases need three quotes or a reason; designated ones do not', () => {
    const small = {
      method: 'competitive_consultation',
      budget: '120000.00',
      intentionPublishedOn: '2026-01-01',
      awardDate: '2026-03-02',
      resultPublishedOn: '2026-03-02',
    };
    expect(needsQuotes({ method: 'inquiry', budget: '9000000.00' }, rule)).toBe(true);
    expect(needsQuotes({ method: 'designated', budget: '1000.00' }, rule)).toBe(false);
    expect(codes({ ...small, quoteCount: 2 })).toEqual(['quotes_short']);
    expect(codes({ ...small, quoteCount: 3 })).toEqual([]);
    expect(codes({ ...small, quoteCount: 1, quoteExemptReason: '市场仅两家供应商具备资质' })).toEqual([]);
  });
});

describe('savings arithmetic', () => {
  it('is exact where floats drift', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(fenToYuan(toFen('0.10') + toFen('0.20'))).toBe('0.30');
    // The seed district's year: 1,730万 budget, 1,522万 contracts → 208万 saved, 12.02 %.
    const budget = toFen('17300000.00');
    const contract = toFen('15220000.00');
    expect(fenToYuan(budget - contract)).toBe('2080000.00');
    expect(ratioOf(budget - contract, budget)).toBe(0.1202);
  });
});
