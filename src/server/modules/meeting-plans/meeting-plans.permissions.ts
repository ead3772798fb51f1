import { definePermissions } from '../../core';

/**
 * Meeting-plan permissions. A unit administrator draws up its unit's plans, submits and
 * settles them; the bureau's administrator (`manager`) does so for the whole district;
 * leaders read (and approve through the approval engine's own permission).
 */
export const MPP = definePermissions('meeting-plans', [
  { code: 'meeting_plans.read', zh: '查看会议计划与会议费', en: 'View meeting plans and fees' },
  { code: 'meeting_plans.write', zh: '编制、报批、结算会议计划', en: 'Draw up, submit and settle meeting plans' },
] as const);

/** Permissions this module gives to built-in roles (listed in its declaration). */
export const MEETING_PLAN_GRANTS = {
  manager: Object.values(MPP),
  unit_admin: Object.values(MPP),
  leader: [MPP['meeting_plans.read']],
};
