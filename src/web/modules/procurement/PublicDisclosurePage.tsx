import { useQuery } from '@tanstack/react-query';
import { Card, List, Segmented, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import type { ZPublicItemSchema } from '../../../contracts/modules/procurement';
import { api } from '../../shared/api';
import { useLocale, useT } from '../../shared/i18n';
import './i18n';

type Item = z.infer<typeof ZPublicItemSchema>;
const KINDS = ['intention', 'notice', 'result', 'contract'] as const;
const COLOR: Record<string, string> = { intention: 'blue', notice: 'purple', result: 'orange', contract: 'green' };

/** 四公开: the public page, outside the sign-in gate, readable on a phone. */
export function PublicDisclosurePage() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  const [kind, setKind] = useState<string | undefined>();
  const q = useQuery({
    queryKey: ['pc-public', kind],
    queryFn: () => api.get<{ items: Item[] }>('/public/procurement', { limit: 100, ...(kind ? { kind } : {}) }),
  });
  return (
    <div style={{ maxWidth: 960, margin: '0 auto', padding: 16 }} data-testid="procurement-public">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('pc.publicTitle')}
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
      <Typography.Paragraph type="secondary">{t('pc.publicHint')}</Typography.Paragraph>
      <Select
        allowClear
        placeholder={t('pc.kind')}
        style={{ width: 160, marginBottom: 12 }}
        value={kind}
        onChange={setKind}
        data-testid="pc-public-kind"
        options={KINDS.map((k) => ({ value: k, label: t(`pc.k.${k}`) }))}
      />
      <List
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        renderItem={(i) => (
          <Card size="small" style={{ marginBottom: 8 }} data-testid={`pc-public-${i.kind}-${i.projectCode}`}>
            <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
              <Tag color={COLOR[i.kind]}>{t(`pc.k.${i.kind}`)}</Tag>
              <strong>{i.projectName}</strong>
            </div>
            <div style={{ color: '#666', marginTop: 4 }}>
              {i.publishedOn} · {i.orgName} · {t(`pc.m.${i.method}`)} · {t('pc.budget')} {i.budget}
              {i.contractAmount ? ` · ${t('pc.contract')} ${i.contractAmount}` : ''}
              {i.supplierName ? ` · ${t('pc.supplier')} ${i.supplierName}` : ''}
            </div>
          </Card>
        )}
      />
    </div>
  );
}
