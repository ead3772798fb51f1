import { describe, expect, it } from 'vitest';
import type { TFlowStep } from '../../../contracts/core/approval';
import { nextStep, pickApprovers, stepApplies } from './approval.rules';

const step = (condition?: TFlowStep['condition']): TFlowStep => ({
  key: 'k',
  nameZh: 'k',
  nameEn: 'k',
  approver: { role: 'leader', at: 'bureau' },
  mode: 'any',
  condition,
});

describe('approval rules', () => {
  it('applies conditions on facts', () => {
    expect(stepApplies(step({ fact: 'amount', op: 'gt', value: 10000 }), { amount: 12000 })).toBe(true);
    expect(stepApplies(step({ fact: 'amount', op: 'gt', value: 10000 }), { amount: 10000 })).toBe(false);
    expect(stepApplies(step({ fact: 'amount', op: 'gt', value: 10000 }), {})).toBe(false);
    expect(stepApplies(step({ fact: 'restDay', op: 'eq', value: true }), { restDay: true })).toBe(true);
    expect(stepApplies(step(), {})).toBe(true);
  });
  it('skips steps whose condition does not hold', () => {
    const steps = [step(), step({ fact: 'amount', op: 'gt', value: 10000 }), step()];
    expect(nextStep(steps, 1, { amount: 5 })).toBe(2);
    expect(nextStep(steps, 1, { amount: 50000 })).toBe(1);
    expect(nextStep(steps, 3, {})).toBeNull();
  });
  it('prefers the nearest approvers and never the applicant', () => {
    const c = [
      { accountId: 1, depth: 1 },
      { accountId: 2, depth: 2 },
      { accountId: 3, depth: 2 },
    ];
    expect(pickApprovers(c, 'applicant_unit', 9)).toEqual([2, 3]);
    expect(pickApprovers(c, 'applicant_unit', 2)).toEqual([3]);
    expect(pickApprovers(c, 'any', 3).sort()).toEqual([1, 2]);
    expect(pickApprovers([{ accountId: 5, depth: 1 }], 'bureau', 5)).toEqual([]);
  });
});
