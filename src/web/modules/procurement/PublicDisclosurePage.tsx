import { Card, List, Segmented, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { procurementApi } from '../../../contracts/modules/procurement.api';
import { useLocale } from '../../shared/i18n';
import { formatYuan } from '../../shared/money';
import { useApiQuery } from '../../shared/typedApi';
import { QueryError } from '../../shared/ui/states';
import { procurementMessages } from './i18n';

const KINDS = ['intention', 'notice', 'result', 'contract'] as const;
const COLOR: Record<string, string> = { intention: 'blue', notice: 'purple', result: 'orange', contract: 'green' };

/** 四公开: the public page, outside the sign-in gate, readable on a phone. */
export function PublicDisclosurePage() {
  const t = procurementMessages.useT();
  const { locale, setLocale } = useLocale();
  const [kind, setKind] = useState<(typeof KINDS)[number] | undefined>();
  const q = useApiQuery(procurementApi.publicList, { query: { limit: 100, ...(kind ? { kind } : {}) } });
  return (
    <div style={{ maxWidth: 960, margin: '0 auto', padding: 16 }} data-testid="procurement-public">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('publicTitle')}
        </Typography.Title>
        <Segmented
          size="small"
          value={locale}
          onChange={(v) => setLocale(v as 'zh-CN')}
          options={[
            { value: 'zh-CN', label: '中文' },
            { value: 'en', label: 'EN' },
          ]}
        />
      </div>
      <Typography.Paragraph type="secondary">{t('publicHint')}</Typography.Paragraph>
      <Select
        allowClear
        placeholder={t('kind')}
        style={{ width: 160, marginBottom: 12 }}
        value={kind}
        onChange={setKind}
        data-testid="pc-public-kind"
        options={KINDS.map((k) => ({ value: k, label: t(`k.${k}`) }))}
      />
      <QueryError inline queries={[q]} />
      <List
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        renderItem={(i) => (
          <Card size="small" style={{ marginBottom: 8 }} data-testid={`pc-public-${i.kind}-${i.projectCode}`}>
            <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
              <Tag color={COLOR[i.kind]}>{t(`k.${i.kind}`)}</Tag>
              <strong>{i.projectName}</strong>
            </div>
            <div style={{ color: '#666', marginTop: 4 }}>
              {i.publishedOn} · {i.orgName} · {t(`m.${i.method}`)} · {t('budget')} {formatYuan(i.budget)}
              {i.contractAmount ? ` · ${t('contract')} ${formatYuan(i.contractAmount)}` : ''}
              {i.supplierName ? ` · ${t('supplier')} ${i.supplierName}` : ''}
            </div>
          </Card>
        )}
      />
    </div>
  );
}
