import { useQuery } from '@tanstack/react-query';
import { Table } from 'antd';
import { useParams } from 'react-router-dom';
import type { TAsset } from '../../../contracts/modules/assets';
import { type Page, api } from '../../shared/api';
import { PrintLayout } from '../../shared/ui/PrintLayout';
import { ErrorState, Loading } from '../../shared/ui/states';
import { formatMoney } from '../../shared/money';
import { byCode, assetsMessages, poolMessages } from './i18n';

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
};
const KINDS = { 'hand-in': 'hand-ins', allocation: 'allocations', disposal: 'disposals' } as const;

/** The paper form of a pool request (上缴验收单 / 调剂单 / 处置申请表), signed and sealed. */
export function PoolPrintPage() {
  const ta = assetsMessages.useT();
  const tp = poolMessages.useT();
  const { kind = 'allocation', id } = useParams();
  const path = KINDS[kind as keyof typeof KINDS] ?? 'allocations';
  const req = useQuery({ queryKey: ['pool-print', kind, id], queryFn: () => api.get<Request>(`/asset-pool/${path}/${id}`) });
  const items = useQuery({
    queryKey: ['pool-print-items', kind, id],
    enabled: !!req.data?.assetIds.length,
    queryFn: () => api.get<Page<TAsset>>('/assets', { ids: req.data!.assetIds.join(','), pageSize: 200, sort: 'code' }),
  });
  if (req.isLoading || items.isLoading) return <Loading />;
  if (req.error || !req.data) return <ErrorState error={req.error} />;
  const r = req.data;
  const title = byCode(tp, 'form', kind);
  return (
    <PrintLayout issuer={kind === 'allocation' ? (r.toOrgName ?? '') : (r.orgName ?? '')} title={title} docNo={r.code}>
      <p data-testid="pool-print-summary">
        {kind === 'allocation' ? `${tp('toOrg')}：${r.toOrgName}　` : `${ta('org')}：${r.orgName}　`}
        {r.method ? `${ta('method')}：${byCode(ta, 'dm', r.method)}　` : ''}
        {tp('itemCount')}：{r.itemCount}　{tp('totalValue')}：{formatMoney(r.totalValue)}
      </p>
      <p>
        {ta('reason')}：{r.reason}
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
          { title: ta('condition'), dataIndex: 'condition', render: (c: string | null) => (c ? byCode(ta, 'cond', c) : '') },
          { title: ta('originalValue'), dataIndex: 'originalValue', align: 'right', render: (v: string | null) => formatMoney(v) },
        ]}
      />
    </PrintLayout>
  );
}
