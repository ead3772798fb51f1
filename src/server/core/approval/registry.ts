import type { TFlowStep } from '../../../contracts/core/approval';
import type { ApprovalSummaryDefinition } from '../../../contracts/core/approval-summary';
import type { Executor } from '../../db/client';
import type { AuthContext } from '../rbac/context';
import type { approvalInstances } from './approval.schema';

export type ApprovalInstance = typeof approvalInstances.$inferSelect;
type Hook = (tx: Executor, instance: ApprovalInstance, ctx: AuthContext) => Promise<void>;

/**
 * What a module tells the engine about one of its business types. The hooks run inside the
 * transaction that records the decision, so the business effect and the approval commit
 * together or not at all.
 */
export type BusinessType = {
  type: string;
  nameZh: string;
  nameEn: string;
  defaultFlow: { nameZh: string; nameEn: string; steps: TFlowStep[] };
  /**
   * The approver's summary: the facts (as passed to `submit`) labelled in both languages, with
   * their kinds, coded values and failed checks. The approval page, the inbox card and the printed
   * form show it rendered for the reader; the flow editor reads conditions on these facts as
   * sentences. Every fact a condition tests is declared (`hidden` when the approver need not read it).
   */
  summary: ApprovalSummaryDefinition;
  /** In-app route of the business record, for notifications and the detail page. */
  link?: (businessId: string) => string;
  onApproved?: Hook;
  onRejected?: Hook;
  onReturned?: Hook;
  onWithdrawn?: Hook;
  onResubmitted?: Hook;
};

const types = new Map<string, BusinessType>();

export function registerBusinessType(t: BusinessType): void {
  if (types.has(t.type)) throw new Error(`business type ${t.type} registered twice`);
  types.set(t.type, t);
}
export const businessType = (type: string) => types.get(type);
export const businessTypes = () => [...types.values()];
