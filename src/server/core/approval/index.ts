export { ApprovalService } from './approval.service';
export { type ApprovalInstance, type BusinessType, registerBusinessType } from './registry';
export { statusHooks } from './status-hooks';
export { bureauLeader, bureauReview, INITIATOR_FACT, unitLeader, unitReview, when } from './steps';
