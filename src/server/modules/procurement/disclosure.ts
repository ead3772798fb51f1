import { type DayOverrides, addDays, addWorkingDays, toFen, workingDaysBetween } from '../../core';

/**
 * The disclosure timeline and the money limits of government procurement as pure functions
 * over the versioned `procurement_rules` (regulations §5) and the holiday calendar, so every
 * deadline moves with 调休 and a new rule version changes behaviour without code.
 */
import type { ProcurementRules } from './procurement.ruletables';

export type { ProcurementRules };

export type ProjectFacts = {
  method: string;
  budget: string;
  contractAmount: string | null;
  intentionPublishedOn: string | null;
  noticePublishedOn: string | null;
  singleSourceNoticeFrom: string | null;
  singleSourceNoticeTo: string | null;
  awardDate: string | null;
  resultPublishedOn: string | null;
  contractDate: string | null;
  contractPublishedOn: string | null;
  addOnAmount: string;
  bidBond: string | null;
  performanceBond: string | null;
  quoteCount: number;
  quoteExemptReason: string | null;
  cancelled?: boolean;
};

export const STEP_KEYS = ['intention', 'single_source_notice', 'result', 'contract'] as const;
export type StepKey = (typeof STEP_KEYS)[number];
/** on_time / late: done; pending: not due yet; overdue: due and not done; n_a: does not apply. */
export type StepState = 'on_time' | 'late' | 'pending' | 'overdue' | 'n_a';
export type Step = { key: StepKey; deadline: string | null; done: string | null; state: StepState };

export const BREACH_CODES = [
  'intention_missing',
  'intention_late',
  'single_source_short',
  'result_late',
  'contract_late',
  'add_on_over',
  'bid_bond_over',
  'performance_bond_over',
  'quotes_short',
] as const;
export type BreachCode = (typeof BREACH_CODES)[number];
export type Breach = { code: BreachCode; limit?: string; actual?: string; deadline?: string };

/** `share` of `yuan`, rounded down to the fen, exactly (shares are read to one part per million). */
export function shareOf(yuan: string, share: number): bigint {
  return (toFen(yuan) * BigInt(Math.round(share * 1_000_000))) / 1_000_000n;
}

const fenStr = (fen: bigint) => `${fen / 100n}.${(fen % 100n).toString().padStart(2, '0')}`;

/** Does a quote comparison apply (询价, or a small purchase not from a designated supplier)? */
export function needsQuotes(p: Pick<ProjectFacts, 'method' | 'budget'>, rule: ProcurementRules): boolean {
  if ((rule.quoteExemptMethods ?? []).includes(p.method)) return false;
  if ((rule.quoteMethods ?? []).includes(p.method)) return true;
  return rule.smallPurchaseBelowYuan != null && toFen(p.budget) < toFen(rule.smallPurchaseBelowYuan);
}

function publication(key: StepKey, from: string | null, workingDays: number, done: string | null, today: string, o: DayOverrides): Step {
  if (!from) return { key, deadline: null, done, state: done ? 'on_time' : 'pending' };
  const deadline = addWorkingDays(from, workingDays, o);
  if (done) return { key, deadline, done, state: done <= deadline ? 'on_time' : 'late' };
  return { key, deadline, done: null, state: today > deadline ? 'overdue' : 'pending' };
}

/**
 * The project's four-publics timeline and every breach on `today`. A step not yet due is
 * pending, not a breach; one past its deadline without publication is a breach at once.
 */
export function checkProject(
  p: ProjectFacts,
  rule: ProcurementRules,
  o: DayOverrides,
  today: string,
): { steps: Step[]; breaches: Breach[] } {
  const steps: Step[] = [];
  const breaches: Breach[] = [];

  // 1. Intention: at least N calendar days before the notice (or the start of the purchase).
  if ((rule.intentionExemptMethods ?? []).includes(p.method)) {
    steps.push({ key: 'intention', deadline: null, done: p.intentionPublishedOn, state: 'n_a' });
  } else {
    const start = p.noticePublishedOn ?? p.singleSourceNoticeFrom ?? p.awardDate;
    const deadline = start ? addDays(start, -rule.intentionDaysBefore) : null;
    let state: StepState = 'pending';
    if (p.intentionPublishedOn) state = !deadline || p.intentionPublishedOn <= deadline ? 'on_time' : 'late';
    else if (start) state = 'overdue';
    steps.push({ key: 'intention', deadline, done: p.intentionPublishedOn, state });
    if (state === 'late') breaches.push({ code: 'intention_late', deadline: deadline!, actual: p.intentionPublishedOn! });
    if (state === 'overdue') breaches.push({ code: 'intention_missing', deadline: deadline! });
  }

  // 2. Single source: the notice runs at least N working days (its first day counts).
  if (p.method === 'single_source') {
    const from = p.singleSourceNoticeFrom;
    const to = p.singleSourceNoticeTo;
    const days = from && to ? workingDaysBetween(addDays(from, -1), to, o) : 0;
    const minEnd = from ? addWorkingDays(addWorkingDays(from, 0, o), rule.singleSourceNoticeWorkingDays - 1, o) : null;
    let state: StepState = 'pending';
    if (from && to) state = days >= rule.singleSourceNoticeWorkingDays ? 'on_time' : 'late';
    else if (p.awardDate) state = 'overdue';
    steps.push({ key: 'single_source_notice', deadline: minEnd, done: to, state });
    if (state === 'late' || state === 'overdue')
      breaches.push({ code: 'single_source_short', limit: String(rule.singleSourceNoticeWorkingDays), actual: String(days) });
  } else steps.push({ key: 'single_source_notice', deadline: null, done: null, state: 'n_a' });

  // 3. Result within N working days of the award; 4. contract within N of signing.
  const result = publication('result', p.awardDate, rule.resultWorkingDays, p.resultPublishedOn, today, o);
  const contract = publication('contract', p.contractDate, rule.contractWorkingDays, p.contractPublishedOn, today, o);
  steps.push(result, contract);
  for (const [s, code] of [
    [result, 'result_late'],
    [contract, 'contract_late'],
  ] as const)
    if (s.state === 'late' || s.state === 'overdue') breaches.push({ code, deadline: s.deadline!, ...(s.done ? { actual: s.done } : {}) });

  // Money limits: exact in fen.
  if (p.contractAmount != null && toFen(p.addOnAmount) > shareOf(p.contractAmount, rule.addOnMaxShare))
    breaches.push({ code: 'add_on_over', limit: fenStr(shareOf(p.contractAmount, rule.addOnMaxShare)), actual: p.addOnAmount });
  if (p.bidBond != null && toFen(p.bidBond) > shareOf(p.budget, rule.bidBondMaxShare))
    breaches.push({ code: 'bid_bond_over', limit: fenStr(shareOf(p.budget, rule.bidBondMaxShare)), actual: p.bidBond });
  if (
    p.performanceBond != null &&
    p.contractAmount != null &&
    toFen(p.performanceBond) > shareOf(p.contractAmount, rule.performanceBondMaxShare)
  )
    breaches.push({
      code: 'performance_bond_over',
      limit: fenStr(shareOf(p.contractAmount, rule.performanceBondMaxShare)),
      actual: p.performanceBond,
    });

  // Quotes: checked once the supplier is chosen (the award), not while quotes are still coming in.
  if (p.awardDate && needsQuotes(p, rule) && p.quoteCount < rule.minQuotes && !p.quoteExemptReason?.trim())
    breaches.push({ code: 'quotes_short', limit: String(rule.minQuotes), actual: String(p.quoteCount) });

  if (p.cancelled) return { steps, breaches: [] };
  return { steps, breaches };
}
