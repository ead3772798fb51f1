import { Table } from 'antd';
import { useParams } from 'react-router-dom';
import { PrintLayout } from '../../shared/ui/PrintLayout';
import { ErrorState, Loading } from '../../shared/ui/states';
import { formatMoney } from '../../shared/money';
import { byCode, assetsMessages, poolMessages } from './i18n';
import { assetPoolApi, assetsApi } from '../../../contracts/modules/assets.api';
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
          { title: ta('condition'), dataIndex: 'condition', render: (c: string | null) => (c ? byCode(ta, 'cond', c) : '') },
          { title: ta('originalValue'), dataIndex: 'originalValue', align: 'right', render: (v: string | null) => formatMoney(v) },
        ]}
      />
    </PrintLayout>
  );
}
