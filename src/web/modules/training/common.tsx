import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Select, Tag } from 'antd';
import { useEffect } from 'react';
import type { THousekeeping } from '../../../contracts/modules/training';
import { trainingApi } from '../../../contracts/modules/training.api';
import { useApiQuery } from '../../shared/typedApi';
import { trainingMessages } from './i18n';

export const HK_COLOR: Record<THousekeeping, string> = { dirty: 'orange', clean: 'blue', inspected: 'green' };

export function HkTag({ s }: { s: THousekeeping }) {
  const t = trainingMessages.useT();
  return (
    <Tag color={HK_COLOR[s]} data-hk={s}>
      {t(`hk.${s}`)}
    </Tag>
  );
}

/** The centres in scope as a picker that opens on the first one (a district runs one or two). */
export function CentreSelect({ value, onChange }: { value?: number; onChange: (id: number) => void }) {
  const t = trainingMessages.useT();
  const q = useApiQuery(trainingApi.centres, {});
  const first = q.data?.items[0]?.id;
  useEffect(() => {
    if (!value && first) onChange(first);
  }, [value, first, onChange]);
  return (
    <Select
      value={value}
      onChange={onChange}
      placeholder={t('centre')}
      style={{ minWidth: 220 }}
      data-testid="centre-select"
      options={(q.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
    />
  );
}

const RULES = ['arrival', 'departure', 'total'] as const;

export function FeeChecks({ checks }: { checks: { rule: string; passed: boolean; message: string }[] }) {
  const t = trainingMessages.useT();
  return (
    <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="training-checks">
      {checks.map((c) => (
        <li
          key={c.rule}
          data-testid={`tcheck-${c.rule}`}
          data-passed={String(c.passed)}
          style={{ padding: '4px 0', color: c.passed ? undefined : '#cf1322' }}
        >
          {c.passed ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <CloseCircleFilled />}{' '}
          <b>{(RULES as readonly string[]).includes(c.rule) ? t(`rule.${c.rule as 'total'}`) : ''}</b> {c.message}
        </li>
      ))}
    </ul>
  );
}
