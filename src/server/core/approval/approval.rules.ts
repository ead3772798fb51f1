import type { TFlowStep } from '../../../contracts/core/approval';

/** Whether a step applies to an instance with these business facts. */
export function stepApplies(step: TFlowStep, facts: Record<string, unknown>): boolean {
  const c = step.condition;
  if (!c) return true;
  const v = facts[c.fact];
  if (v === undefined || v === null) return false;
  const a = typeof c.value === 'number' ? Number(v) : v;
  switch (c.op) {
    case 'gt':
      return (a as number) > (c.value as number);
    case 'gte':
      return (a as number) >= (c.value as number);
    case 'lt':
      return (a as number) < (c.value as number);
    case 'lte':
      return (a as number) <= (c.value as number);
    case 'eq':
      return a === c.value;
    case 'ne':
      return a !== c.value;
  }
}

/** The index of the next applicable step at or after `from`, or null when the flow is finished. */
export function nextStep(steps: TFlowStep[], from: number, facts: Record<string, unknown>): number | null {
  for (let i = from; i < steps.length; i++) if (stepApplies(steps[i]!, facts)) return i;
  return null;
}

export type Candidate = { accountId: number; depth: number };

/**
 * Approvers for a step: the candidates whose grant is nearest to the applicant (deepest org),
 * so a unit's own administrator is chosen over a district-wide one; 'any' keeps everyone.
 * The applicant never approves their own request.
 */
export function pickApprovers(candidates: Candidate[], at: TFlowStep['approver']['at'], applicantId: number): number[] {
  const others = candidates.filter((c) => c.accountId !== applicantId);
  if (!others.length) return [];
  if (at === 'any') return [...new Set(others.map((c) => c.accountId))];
  const deepest = Math.max(...others.map((c) => c.depth));
  return [...new Set(others.filter((c) => c.depth === deepest).map((c) => c.accountId))];
}
