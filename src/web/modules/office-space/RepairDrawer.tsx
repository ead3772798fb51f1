import { PrinterOutlined } from '@ant-design/icons';
import { Button, Descriptions, Drawer, Grid, Space, Steps, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { TRepair } from '../../../contracts/modules/office-space';
import { officeApi } from '../../../contracts/modules/office-space.api';
import { useAuth } from '../../core/auth/auth';
import { formatMoney } from '../../shared/money';
import { useApiQuery } from '../../shared/typedApi';
import { FileList } from '../../shared/ui/Attachments';
import { ErrorState, Loading } from '../../shared/ui/states';
import { fmtArea, officeMessages } from './common';
import { RepairFilingModal } from './RepairFilingModal';
import { RepairProgressModal } from './RepairProgressModal';
import { KIND_COLOR, STATUS_COLOR } from './repairs-common';
import { repairsMessages } from './repairs.i18n';
import { fmtDay, fmtInstant } from '../../shared/dates';

const STEP_KEYS = ['assess', 'approve', 'works', 'accept', 'file'] as const;
type StepStatus = 'wait' | 'process' | 'finish' | 'error';
function stepStates(r: TRepair): { current: number; states: StepStatus[] } {
  const failed = r.status === 'rejected' || r.status === 'returned' || r.status === 'withdrawn';
  const order = ['pending', 'approved', 'in_progress', 'completed', 'filed'];
  const i = order.indexOf(r.status);
  if (failed) return { current: 1, states: ['finish', 'error', 'wait', 'wait', 'wait'] };
  // pending → 项目确立 under way; approved/in progress → 实施; completed → 备案; filed → all done.
  const current = [1, 2, 2, 4, 4][i] ?? 0;
  const states = STEP_KEYS.map((_, k): StepStatus => {
    if (r.status === 'filed') return 'finish';
    if (k < current) return 'finish';
    if (k === current) return 'process';
    return 'wait';
  });
  if (r.status === 'in_progress') states[2] = 'process';
  return { current, states };
}

function RepairSteps({ r }: { r: TRepair }) {
  const t = repairsMessages.useT();
  const { current, states } = stepStates(r);
  const notes = [
    fmtDay(r.createdAt),
    r.status === 'pending' ? t('st.pending') : '',
    r.startedOn ?? '',
    r.completedOn ?? '',
    fmtDay(r.filedAt, ''),
  ];
  return (
    <div data-testid="repair-steps" data-current={current}>
      <Steps
        size="small"
        responsive
        current={current}
        items={STEP_KEYS.map((k, i) => ({ title: t(`step.${k}`), status: states[i], content: notes[i] || undefined }))}
      />
    </div>
  );
}

/** One repair: where it stands in the five steps, its record, the next action and its files. */
export function RepairDrawer(props: { id: number | null; onClose: () => void; onChanged: () => void; onPrint: (id: number) => void }) {
  const t = repairsMessages.useT();
  const tc = officeMessages.useT();
  const screens = Grid.useBreakpoint();
  const { hasPermission } = useAuth();
  const [acting, setActing] = useState<'start' | 'complete' | null>(null);
  const [filing, setFiling] = useState(false);
  const q = useApiQuery(officeApi.repair, { params: { id: props.id ?? 0 } }, { enabled: !!props.id });
  const r = q.data;
  const can = hasPermission('office.request');
  return (
    <Drawer
      open={!!props.id}
      onClose={props.onClose}
      title={r ? r.title : t('detail')}
      size={screens.md ? 860 : '100%'}
      destroyOnHidden
      extra={
        r?.instanceId ? (
          <Link to={`/approvals/${r.instanceId}`} data-testid="repair-approval-link">
            {t('openApproval')}
          </Link>
        ) : null
      }
    >
      {q.error ? <ErrorState error={q.error} onRetry={() => q.refetch()} /> : null}
      {!r && !q.error ? <Loading /> : null}
      {r ? (
        <div data-testid="repair-detail" data-status={r.status}>
          <div style={{ marginBottom: 16 }}>
            <RepairSteps r={r} />
          </div>
          <Space wrap style={{ marginBottom: 16 }}>
            {can && r.status === 'approved' ? (
              <Button type="primary" onClick={() => setActing('start')} data-testid="repair-start">
                {t('start')}
              </Button>
            ) : null}
            {can && r.status === 'in_progress' ? (
              <Button type="primary" onClick={() => setActing('complete')} data-testid="repair-complete">
                {t('complete')}
              </Button>
            ) : null}
            {can && r.status === 'completed' ? (
              <Button type="primary" onClick={() => setFiling(true)} data-testid="repair-file">
                {t('fileIt')}
              </Button>
            ) : null}
            {r.status === 'filed' ? (
              <Button icon={<PrinterOutlined />} onClick={() => props.onPrint(r.id)} data-testid="repair-compare">
                {t('compare')}
              </Button>
            ) : null}
          </Space>
          <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
            <Descriptions.Item label={tc('unit')}>{r.orgName}</Descriptions.Item>
            <Descriptions.Item label={tc('status')}>
              <Tag color={STATUS_COLOR[r.status]} data-testid="repair-status">
                {t(`st.${r.status}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={tc('building')}>
              {t('buildingWithArea', { name: r.buildingName, area: fmtArea(r.buildingGrossArea) })}
            </Descriptions.Item>
            <Descriptions.Item label={t('kind')}>
              <Tag color={KIND_COLOR[r.kind]}>{t(`kind.${r.kind}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('budget')}>{formatMoney(r.budget)}</Descriptions.Item>
            <Descriptions.Item label={t('addedArea')}>{fmtArea(r.addedArea)}</Descriptions.Item>
            <Descriptions.Item label={t('planned')} span={{ xs: 1, md: 2 }}>
              {r.plannedStart} ~ {r.plannedEnd}
            </Descriptions.Item>
            <Descriptions.Item label={t('assessment')} span={{ xs: 1, md: 2 }}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{r.assessment}</span>
            </Descriptions.Item>
            {r.scope ? (
              <Descriptions.Item label={t('scope')} span={{ xs: 1, md: 2 }}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{r.scope}</span>
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('startedOn')}>{r.startedOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('completedOn')}>{r.completedOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('actualCost')}>{formatMoney(r.actualCost)}</Descriptions.Item>
            <Descriptions.Item label={t('filedAt')}>{fmtInstant(r.filedAt)}</Descriptions.Item>
            {r.acceptanceNote ? (
              <Descriptions.Item label={t('acceptance')} span={{ xs: 1, md: 2 }}>
                {r.acceptanceNote}
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('approval')} span={{ xs: 1, md: 2 }}>
              {r.instanceId ? <Link to={`/approvals/${r.instanceId}`}>#{r.instanceId}</Link> : '—'}
            </Descriptions.Item>
          </Descriptions>
          <h4 style={{ marginTop: 16 }}>{t('attachments')}</h4>
          <FileList ownerType="office_repair" ownerId={r.id} testId="repair-files" />
          <RepairProgressModal repair={r} action={acting} onClose={() => setActing(null)} onSaved={props.onChanged} />
          {filing ? <RepairFilingModal repair={r} onClose={() => setFiling(false)} onSaved={props.onChanged} /> : null}
        </div>
      ) : null}
    </Drawer>
  );
}
