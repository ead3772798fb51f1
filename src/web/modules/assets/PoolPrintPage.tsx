import { useQuery } from '@tanstack/react-query';
import { Table } from 'antd';
import { useParams } from 'react-router-dom';
import type { TAsset } from '../../../contracts/modules/assets';
import { type Page, api } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { PrintLayout } from '../../shared/ui/PrintLayout';
import { ErrorState, Loading } from '../../shared/ui/states';
import './i18n';
import { formatMoney } from '../../shared/money';

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
  const t = useT();
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
  const title = t(`pool.form.${kind}`);
  return (
    <PrintLayout issuer={kind === 'allocation' ? (r.toOrgName ?? '') : (r.orgName ?? '')} title={title} docNo={r.code}>
      <p data-testid="pool-print-summary">
        {kind === 'allocation' ? `${t('pool.toOrg')}：${r.toOrgName}　` : `${t('as.org')}：${r.orgName}　`}
        {r.method ? `${t('as.method')}：${t(`as.dm.${r.method}`)}　` : ''}
        {t('pool.itemCount')}：{r.itemCount}　{t('pool.totalValue')}：{formatMoney(r.totalValue)}
      </p>
      <p>
        {t('as.reason')}：{r.reason}
        {r.tierLabel ? `　${t('pool.tier')}：${r.tierLabel}` : ''}
      </p>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={items.data?.items ?? []}
        data-testid="pool-print-items"
        columns={[
          { title: '#', key: 'n', render: (_: unknown, _r, i) => i + 1 },
          { title: t('as.code'), dataIndex: 'code' },
          { title: t('as.name'), dataIndex: 'name' },
          { title: t('as.spec'), dataIndex: 'spec' },
          { title: t('as.condition'), dataIndex: 'condition', render: (c: string | null) => (c ? t(`as.cond.${c}`) : '') },
          { title: t('as.originalValue'), dataIndex: 'originalValue', align: 'right', render: (v: string | null) => formatMoney(v) },
        ]}
      />
    </PrintLayout>
  );
}
