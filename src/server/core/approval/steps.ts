import type { TFlowStep } from '../../../contracts/core/approval';

/**
 * The approval steps every domain's flows are made of, written once: who approves (role, and
 * where relative to the applicant) with the names approvers see. A module's `defaultFlow` lists
 * them, overriding the key, the names or adding a condition where its flow differs, e.g.
 * `steps: [unitReview(), bureauReview(), bureauLeader({ condition: when('amount', 'gt', 10000) })]`.
 */
type StepOverrides = Partial<Pick<TFlowStep, 'key' | 'nameZh' | 'nameEn' | 'condition'>>;

function step(base: Omit<TFlowStep, 'mode' | 'condition'>, o: StepOverrides = {}): TFlowStep {
  const { condition, ...names } = o;
  return { ...base, ...names, mode: 'any', ...(condition ? { condition } : {}) };
}

/** 单位审核: the applicant's unit administrator. */
export const unitReview = (o?: StepOverrides) =>
  step({ key: 'unit', nameZh: '单位审核', nameEn: 'Unit review', approver: { role: 'unit_admin', at: 'applicant_unit' } }, o);

/** 单位负责人审核: a leader of the applicant's unit. */
export const unitLeader = (o?: StepOverrides) =>
  step({ key: 'unit_leader', nameZh: '单位负责人审核', nameEn: 'Unit leader', approver: { role: 'leader', at: 'applicant_unit' } }, o);

/** 机关事务局审核: the bureau's administrator of the domain (the `manager` role). */
export const bureauReview = (o?: StepOverrides) =>
  step({ key: 'bureau', nameZh: '机关事务局审核', nameEn: 'Bureau review', approver: { role: 'manager', at: 'bureau' } }, o);

/** 局领导审批: a leader of the bureau. */
export const bureauLeader = (o?: StepOverrides) =>
  step({ key: 'leader', nameZh: '局领导审批', nameEn: 'Leader approval', approver: { role: 'leader', at: 'bureau' } }, o);

/** A step's condition on the business facts: `when('initiator', 'eq', 'unit')`. */
export const when = (
  fact: string,
  op: NonNullable<TFlowStep['condition']>['op'],
  value: number | string | boolean,
): NonNullable<TFlowStep['condition']> => ({ fact, op, value });

/** The `initiator` fact most flows branch on: who drew up the request. */
export const INITIATOR_FACT = {
  zh: '申请单位',
  en: 'Applying party',
  values: { unit: { zh: '下属单位', en: 'a subordinate unit' }, bureau: { zh: '机关事务局', en: 'the bureau' } },
} as const;
