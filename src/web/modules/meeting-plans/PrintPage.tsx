import { Table } from 'antd';
import { useParams } from 'react-router-dom';
import { meetingPlansApi } from '../../../contracts/modules/meeting-plans.api';
import { fmtDay, fmtInstant } from '../../shared/dates';
import { formatMoney } from '../../shared/money';
import { useApiQuery } from '../../shared/typedApi';
import { PrintLayout } from '../../shared/ui/PrintLayout';
import { Loading, QueryError } from '../../shared/ui/states';
import { classKey } from './common';
import { planMessages } from './i18n';

/** The plan and its settlement on one A4 sheet for signing (经办人、审核人、负责人). */
export function PlanPrintPage() {
  const t = planMessages.useT();
  const id = Number(useParams().id);
  const q = useApiQuery(meetingPlansApi.plan, { params: { id } });
  if (q.isError) return <QueryError queries={[q]} />;
  const p = q.data;
  if (!p) return <Loading />;
  const row = (label: string, value: string) => (
    <tr key={label}>
      <th style={{ textAlign: 'left', width: '30%', padding: 4, border: '1px solid #999' }}>{label}</th>
      <td style={{ padding: 4, border: '1px solid #999' }}>{value}</td>
    </tr>
  );
  return (
    <div data-testid="plan-print-page">
      <PrintLayout issuer={p.orgName ?? ''} title={t('printTitle')}>
        <table style={{ width: '100%', borderCollapse: 'collapse', marginBottom: 16 }}>
          <tbody>
            {row(t('planTitle'), p.title)}
            {row(t('meetingClass'), t(classKey(p.meetingClass)))}
            {row(t('dates'), p.startDate ? `${fmtDay(p.startDate)} – ${fmtDay(p.endDate)}` : '—')}
            {row(t('days'), String(p.days))}
            {row(t('attendees'), t('people', { a: p.attendees, s: p.staff }))}
            {row(t('venueShort'), p.venue ?? '—')}
            {row(t('budget'), formatMoney(p.budget))}
            {row(t('cap'), formatMoney(p.cap))}
            {row(t('status'), t(`s.${p.status}`))}
          </tbody>
        </table>
        <h3>{t('checks')}</h3>
        <ol data-testid="print-checks">
          {p.checks.map((c) => (
            <li key={c.rule}>
              {c.passed ? '✓' : '✗'} {t(`rule.${c.rule}` as 'rule.budget')}：{c.message}
            </li>
          ))}
        </ol>
        {p.settlement ? (
          <>
            <h3>
              {t('settlement')}（{t('people', { a: p.settlement.attendees, s: p.settlement.staff })}，{p.settlement.days}）
            </h3>
            <Table
              rowKey="line"
              size="small"
              pagination={false}
              dataSource={p.settlement.lines}
              columns={[
                { title: t('line'), dataIndex: 'line', render: (v: 'total') => t(`line.${v}`) },
                { title: t('actual'), dataIndex: 'actual', align: 'right', render: (v: string) => formatMoney(v) },
                { title: t('lineCap'), dataIndex: 'cap', align: 'right', render: (v: string) => formatMoney(v) },
                {
                  title: t('excess'),
                  dataIndex: 'excess',
                  align: 'right',
                  render: (v: string, l) => (l.over ? `${t('overCap')} ${formatMoney(v)}` : t('withinCap')),
                },
              ]}
            />
            <p>
              {p.settlement.passed ? t('settlementPassed') : t('settlementFailed')} · {t('settledAt')} {fmtInstant(p.settlement.settledAt)}
            </p>
          </>
        ) : null}
      </PrintLayout>
    </div>
  );
}
