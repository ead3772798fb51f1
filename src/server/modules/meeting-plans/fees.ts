import { fenToYuan, toFen } from '../../core';
import { formatMoney } from '../../../contracts/money';
import { MPM } from './meeting-plans.messages';
import type { MeetingClassRule, MeetingFeeCaps } from './meeting-plans.ruletables';

/**
 * The meeting fee rules (会议费, 财行〔2016〕214号) as pure functions over one version of the
 * `meeting_fee_caps` rule table: every figure — the caps per person per day and their split,
 * the day, attendee and staff limits — comes from the rule passed in; nothing regulated is
 * written here. Money is computed in fen (BigInt), never in floats.
 */
export type FeeCheck = { rule: string; passed: boolean; code: string; params: Record<string, string | number> };

const CLASS_ZH = ['', '一类', '二类', '三类', '四类'] as const;
export const classLabel = (c: number) => CLASS_ZH[c] ?? String(c);

export type PlanFacts = { meetingClass: number; days: number; attendees: number; staff: number; budget: string };

/** The class's rule, or null when the version has none for it. */
export const classRule = (rule: MeetingFeeCaps, meetingClass: number): MeetingClassRule | null =>
  rule.classes[String(meetingClass) as '1'] ?? null;

/** A per-person-per-day figure (whole yuan) × persons × days, in fen. */
export const capFen = (perDayYuan: number, persons: number, days: number): bigint => toFen(perDayYuan) * BigInt(persons) * BigInt(days);

const cls = (meetingClass: number) => ({ cls: classLabel(meetingClass), clsNo: meetingClass });
const money = (fen: bigint) => formatMoney(fenToYuan(fen));

/** Budget ≤ cap per person per day × (attendees + staff) × days, exact to the fen. */
export function checkBudget(c: MeetingClassRule, p: PlanFacts): FeeCheck {
  const persons = p.attendees + p.staff;
  const cap = capFen(c.perPersonPerDay.total, persons, p.days);
  const budget = toFen(p.budget);
  const params = { budget: money(budget), cap: money(cap), perDay: c.perPersonPerDay.total, persons, days: p.days };
  return budget <= cap
    ? { rule: 'budget', passed: true, code: MPM.MCHECK_BUDGET_OK, params }
    : { rule: 'budget', passed: false, code: MPM.MCHECK_BUDGET_FAIL, params: { ...params, excess: money(budget - cap) } };
}

export function checkDays(c: MeetingClassRule, p: PlanFacts): FeeCheck {
  if (c.maxDays === null) return { rule: 'days', passed: true, code: MPM.MCHECK_DAYS_NONE, params: cls(p.meetingClass) };
  const params = { days: p.days, max: c.maxDays, ...cls(p.meetingClass) };
  return p.days <= c.maxDays
    ? { rule: 'days', passed: true, code: MPM.MCHECK_DAYS_OK, params }
    : { rule: 'days', passed: false, code: MPM.MCHECK_DAYS_FAIL, params };
}

export function checkAttendees(c: MeetingClassRule, p: PlanFacts): FeeCheck {
  if (c.maxAttendees === null) return { rule: 'attendees', passed: true, code: MPM.MCHECK_ATTENDEES_NONE, params: cls(p.meetingClass) };
  const params = { n: p.attendees, max: c.maxAttendees, ...cls(p.meetingClass) };
  return p.attendees <= c.maxAttendees
    ? { rule: 'attendees', passed: true, code: MPM.MCHECK_ATTENDEES_OK, params }
    : { rule: 'attendees', passed: false, code: MPM.MCHECK_ATTENDEES_FAIL, params };
}

/** Staff ≤ pct % of attendees, compared in whole numbers (staff × 100 ≤ attendees × pct): no float rounding. */
export function checkStaff(c: MeetingClassRule, p: PlanFacts): FeeCheck {
  if (c.maxStaffPercent === null) return { rule: 'staff', passed: true, code: MPM.MCHECK_STAFF_NONE, params: cls(p.meetingClass) };
  const max = Math.floor((p.attendees * c.maxStaffPercent) / 100);
  const params = { staff: p.staff, pct: c.maxStaffPercent, max, ...cls(p.meetingClass) };
  return p.staff * 100 <= p.attendees * c.maxStaffPercent
    ? { rule: 'staff', passed: true, code: MPM.MCHECK_STAFF_OK, params }
    : { rule: 'staff', passed: false, code: MPM.MCHECK_STAFF_FAIL, params };
}

/** Every check of a plan, in the order shown. */
export function planChecks(c: MeetingClassRule, p: PlanFacts): FeeCheck[] {
  return [checkBudget(c, p), checkDays(c, p), checkAttendees(c, p), checkStaff(c, p)];
}

/** The plan's budget cap in yuan ("98800.00"). */
export const planCap = (c: MeetingClassRule, p: Omit<PlanFacts, 'budget'>) =>
  fenToYuan(capFen(c.perPersonPerDay.total, p.attendees + p.staff, p.days));

export type SettlementInput = { attendees: number; staff: number; days: number; lodging: string; meals: string; other: string };
export type SettlementLine = { line: 'lodging' | 'meals' | 'other' | 'total'; actual: string; cap: string; over: boolean; excess: string };

/**
 * The settlement: each actual cost line against its own cap (lodging, meals, other per person
 * per day × persons × days) and the total against the comprehensive cap, exact to the fen.
 * The total is the binding limit (the lines may be used flexibly within it, 214号 第十条), so
 * `passed` is the total's; an over-cap line is flagged for the reader.
 */
export function settle(c: MeetingClassRule, s: SettlementInput): { lines: SettlementLine[]; passed: boolean; total: string } {
  const persons = s.attendees + s.staff;
  const line = (name: SettlementLine['line'], actualFen: bigint, perDay: number): SettlementLine => {
    const cap = capFen(perDay, persons, s.days);
    const over = actualFen > cap;
    return { line: name, actual: fenToYuan(actualFen), cap: fenToYuan(cap), over, excess: fenToYuan(over ? actualFen - cap : 0n) };
  };
  const totalFen = toFen(s.lodging) + toFen(s.meals) + toFen(s.other);
  const lines = [
    line('lodging', toFen(s.lodging), c.perPersonPerDay.lodging),
    line('meals', toFen(s.meals), c.perPersonPerDay.meals),
    line('other', toFen(s.other), c.perPersonPerDay.other),
    line('total', totalFen, c.perPersonPerDay.total),
  ];
  return { lines, passed: !lines[3]!.over, total: fenToYuan(totalFen) };
}
