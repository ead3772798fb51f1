import { Table } from 'antd';
import { useParams } from 'react-router-dom';
import { PrintLayout } from '../../shared/ui/PrintLayout';
import { ErrorState, Loading } from '../../shared/ui/states';
import { formatMoney } from '../../shared/money';
import { byCode, assetsMessages, poolMessages } from './i18n';
import { assetPoolApi, assetsApi } from '../../../contracts/modules/assets.api';
import { ACCEPTANCE_CHECKS } from '../../../contracts/modules/assets';
import { useQuery } from '@tanstack/react-query';
import { call, keyOf, useApiQuery } from '../../shared/typedApi';

type Request = {
  code: string;
  orgName?: string;
  toOrgName?: string;
  reason: string;
  method?: string;
  tierLabel?: string;
  itemCount: number;
  totalValue: string;
  createdAt: string;
  assetIds: number[];
  /** A hand-in's items as accepted: grade, checklist and note per item. */
  items?: { assetId: number; condition: string | null; checks: Partial<Record<string, boolean>> | null; note: string | null }[];
};
const KINDS = { 'hand-in': assetPoolApi.handIn, allocation: assetPoolApi.allocation, disposal: assetPoolApi.disposal } as const;

/** The paper form of a pool request (上缴验收单 / 调剂单 / 处置申请表), signed and sealed. */
export function PoolPrintPage() {
  const ta = assetsMessages.useT();
  const tp = poolMessages.useT();
  const { kind = 'allocation', id } = useParams();
  const route = KINDS[kind as keyof typeof KINDS] ?? assetPoolApi.allocation;
  const req = useQuery({
    queryKey: keyOf(route, { params: { id: Number(id) } }),
    queryFn: () => call(route, { params: { id: Number(id) } }) as Promise<Request>,
  });
  const ids = req.data?.assetIds.join(',') ?? '';
  const items = useApiQuery(assetsApi.list, { query: { ids, pageSize: 200, sort: 'code' } }, { enabled: !!req.data?.assetIds.length });
  if (req.isLoading || items.isLoading) return <Loading />;
  if (req.error || !req.data) return <ErrorState error={req.error} />;
  const r = req.data;
  const title = byCode(tp, 'form', kind);
  const accepted = new Map((r.items ?? []).map((i) => [i.assetId, i]));
  // The checklist of one item as the keeper recorded it, in words: all passed, or which failed.
  const checksText = (id: number) => {
    const c = accepted.get(id)?.checks;
    if (!c) return tp('notChecked');
    const failed = ACCEPTANCE_CHECKS.filter((k) => c[k] === false).map((k) => byCode(tp, 'chk', k));
    return failed.length ? tp('checkFailed', { list: failed.join('、') }) : tp('checkAllPassed');
  };
  const handInColumns =
    kind === 'hand-in'
      ? [
          {
            title: tp('checklist'),
            key: 'checks',
            render: (_: unknown, a: { id: number }) => (
              <span data-testid={`pool-print-checks-${a.id}`}>
                {checksText(a.id)}
                {accepted.get(a.id)?.note ? `；${accepted.get(a.id)?.note}` : ''}
              </span>
            ),
          },
        ]
      : [];
  return (
    <PrintLayout issuer={kind === 'allocation' ? (r.toOrgName ?? '') : (r.orgName ?? '')} title={title} docNo={r.code}>
      <p data-testid="pool-print-summary">
        {kind === 'allocation' ? `${tp('toOrg')}：${r.toOrgName}　` : `${ta('org')}：${r.orgName}　`}
        {r.method ? `${ta('method')}：${byCode(ta, 'dm', r.method)}　` : ''}
        {tp('itemCount')}：{r.itemCount}　{tp('totalValue')}：{formatMoney(r.totalValue)}
      </p>
      <p>
        {/* A hand-in's reason is a code (idle, over_standard …); the others are written by the applicant. */}
        {ta('reason')}：{kind === 'hand-in' ? byCode(ta, 'hr', r.reason) : r.reason}
        {r.tierLabel ? `　${tp('tier')}：${r.tierLabel}` : ''}
      </p>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={items.data?.items ?? []}
        data-testid="pool-print-items"
        columns={[
          { title: '#', key: 'n', render: (_: unknown, _r, i) => i + 1 },
          { title: ta('code'), dataIndex: 'code' },
          { title: ta('name'), dataIndex: 'name' },
          { title: ta('spec'), dataIndex: 'spec' },
          {
            title: ta('condition'),
            key: 'condition',
            // A hand-in shows each item's grade at acceptance; other forms the asset's grade now.
            render: (_: unknown, a: { id: number; condition: string | null }) => {
              const c = kind === 'hand-in' ? (accepted.get(a.id)?.condition ?? null) : a.condition;
              return c ? byCode(ta, 'cond', c) : '';
            },
          },
          ...handInColumns,
          { title: ta('originalValue'), dataIndex: 'originalValue', align: 'right', render: (v: string | null) => formatMoney(v) },
        ]}
      />
    </PrintLayout>
  );
}
