import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Tag } from 'antd';
import type { TMeetingCheck, TMeetingPlanStatus } from '../../../contracts/modules/meeting-plans';
import { planMessages } from './i18n';

const RULES = ['budget', 'days', 'attendees', 'staff'] as const;
const isRule = (r: string): r is (typeof RULES)[number] => (RULES as readonly string[]).includes(r);

/** The checks as the server worded them, each with its rule's name: green passed, red failed. */
export function PlanChecks({ checks, testId = 'plan-checks' }: { checks: TMeetingCheck[]; testId?: string }) {
  const t = planMessages.useT();
  const failed = checks.filter((c) => !c.passed).length;
  return (
    <div data-testid={testId} data-failed={failed}>
      <div style={{ marginBottom: 8 }}>
        {failed ? <Tag color="red">{t('checksFailed', { n: failed })}</Tag> : <Tag color="green">{t('checksPassed')}</Tag>}
      </div>
      <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {checks.map((c) => (
          <li
            key={c.rule}
            data-testid={`check-${c.rule}`}
            data-passed={String(c.passed)}
            style={{ display: 'flex', gap: 8, alignItems: 'baseline', padding: '4px 0', color: c.passed ? undefined : '#cf1322' }}
          >
            {c.passed ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <CloseCircleFilled />}
            <span style={{ fontWeight: 500, whiteSpace: 'nowrap' }}>{isRule(c.rule) ? t(`rule.${c.rule}`) : ''}</span>
            <span>{c.message}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

const STATUS_COLOR: Record<TMeetingPlanStatus, string> = {
  draft: 'default',
  pending: 'processing',
  approved: 'gold',
  rejected: 'red',
  returned: 'orange',
  withdrawn: 'default',
  settled: 'green',
};

export function PlanStatus({ status }: { status: TMeetingPlanStatus }) {
  const t = planMessages.useT();
  return (
    <Tag color={STATUS_COLOR[status]} data-status={status}>
      {t(`s.${status}`)}
    </Tag>
  );
}

export const classKey = (c: number) => `class.${c}` as 'class.1';
