import { useQueryClient } from '@tanstack/react-query';
import { Button, Descriptions, Form, Input, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import type { TAsset, ZAssetCardSchema } from '../../../contracts/modules/assets';
import { useCodeList } from '../../shared/codes';
import { useLocale } from '../../shared/i18n';
import { useAuth } from '../../core/auth/auth';
import { FileList } from '../../shared/ui/Attachments';
import { FormModal } from '../../shared/ui/FormModal';
import type { RouteBody } from '../../../contracts/route';
import { formatMoney } from '../../shared/money';
import { byCode, assetsMessages } from './i18n';
import { assetPoolApi, assetsApi } from '../../../contracts/modules/assets.api';
import { call, invalidate, urlOf } from '../../shared/typedApi';
import { fmtInstant } from '../../shared/dates';

export type TAssetCard = z.infer<typeof ZAssetCardSchema>;

const STATUS_COLOR: Record<string, string> = {
  in_use: 'green',
  idle: 'orange',
  in_pool: 'blue',
  reserved: 'purple',
  on_loan: 'cyan',
  disposed: 'default',
};
export function AssetStatusTag({ status }: { status: string }) {
  const ta = assetsMessages.useT();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid={`asset-status-${status}`}>
      {byCode(ta, 'st', status)}
    </Tag>
  );
}

/** The GB/T 14885 classes from reference data, for pickers and labels. */
export function useCategories() {
  const q = useCodeList('asset_category');
  return { ...q, data: q.data?.items };
}

export function CategorySelect(props: {
  value?: string;
  onChange?: (v: string) => void;
  allowClear?: boolean;
  placeholder?: string;
  testId?: string;
}) {
  const cats = useCategories();
  const { locale } = useLocale();
  return (
    <Select
      showSearch
      allowClear={props.allowClear}
      optionFilterProp="label"
      placeholder={props.placeholder}
      value={props.value}
      onChange={props.onChange}
      style={{ minWidth: 200 }}
      data-testid={props.testId}
      popupMatchSelectWidth={false}
      options={(cats.data ?? []).map((c) => ({
        value: c.code,
        label: `${c.code} ${'　'.repeat(Math.max(0, Number(c.extra?.level ?? 1) - 1))}${locale === 'en' ? c.labelEn : c.labelZh}`,
      }))}
    />
  );
}

/** Opens the A4 label sheet for the given assets in a new tab, where the browser prints it. */
export function openLabels(query: Record<string, string | number | undefined>) {
  const q = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== ''));
  window.open(urlOf(assetsApi.labels, { query: q }), '_blank', 'noopener');
}

/**
 * The asset card: facts, history and the actions its user may take (the server decides which).
 * The register's drawer and the scanned-label page both show it.
 */
export function AssetCardView({ card, onChanged }: { card: TAssetCard; onChanged: () => void }) {
  const ta = assetsMessages.useT();
  const qc = useQueryClient();
  const { hasPermission } = useAuth();
  const [modal, setModal] = useState<null | 'transfer' | 'hand_in' | 'dispose'>(null);
  const done = () => {
    invalidate(qc, ['assets', 'asset-pool']);
    onChanged();
  };
  return (
    <div data-testid="asset-card">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {card.name} <AssetStatusTag status={card.status} />
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
        <Descriptions.Item label={ta('code')}>
          <span data-testid="asset-card-code">{card.code}</span>
        </Descriptions.Item>
        <Descriptions.Item label={ta('category')}>
          {card.categoryCode} {card.categoryName}
        </Descriptions.Item>
        <Descriptions.Item label={ta('org')}>{card.orgName}</Descriptions.Item>
        <Descriptions.Item label={ta('spec')}>{card.spec ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={ta('quantity')}>
          {card.quantity} {card.unit}
        </Descriptions.Item>
        <Descriptions.Item label={ta('originalValue')}>{formatMoney(card.originalValue)}</Descriptions.Item>
        <Descriptions.Item label={ta('netValue')}>{formatMoney(card.netValue)}</Descriptions.Item>
        <Descriptions.Item label={ta('purchaseDate')}>{card.purchaseDate ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={ta('custodian')}>{card.custodian ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={ta('location')}>{card.location ?? '—'}</Descriptions.Item>
        {card.warehouseName ? (
          <Descriptions.Item label={ta('warehouse')}>
            {card.warehouseName} {card.slot ?? ''}
          </Descriptions.Item>
        ) : null}
        {card.condition ? <Descriptions.Item label={ta('condition')}>{byCode(ta, 'cond', card.condition)}</Descriptions.Item> : null}
      </Descriptions>
      {card.actions.length ? (
        <Space wrap style={{ margin: '12px 0' }}>
          {card.actions.includes('transfer') ? (
            <Button onClick={() => setModal('transfer')} data-testid="asset-act-transfer">
              {ta('transfer')}
            </Button>
          ) : null}
          {card.actions.includes('hand_in') ? (
            <Button onClick={() => setModal('hand_in')} data-testid="asset-act-hand-in">
              {ta('handIn')}
            </Button>
          ) : null}
          {card.actions.includes('dispose') ? (
            <Button danger onClick={() => setModal('dispose')} data-testid="asset-act-dispose">
              {ta('dispose')}
            </Button>
          ) : null}
        </Space>
      ) : null}
      <Typography.Title level={5}>{ta('photos')}</Typography.Title>
      <FileList
        ownerType="asset_photo"
        ownerId={card.id}
        canUpload={card.actions.includes('edit') || (card.warehouseId != null && hasPermission('pool.keep'))}
        testId="asset-photos"
      />
      <Typography.Title level={5}>{ta('history')}</Typography.Title>
      <Timeline
        items={card.events.map((e) => ({
          children: (
            <span>
              <Typography.Text type="secondary">{fmtInstant(e.occurredAt)}</Typography.Text> {e.summary}
            </span>
          ),
        }))}
      />
      <FormModal
        open={modal === 'transfer'}
        title={ta('transfer')}
        onClose={() => setModal(null)}
        initialValues={{ custodian: card.custodian, location: card.location }}
        onSubmit={(v) => call(assetsApi.transfer, { params: { id: card.id }, body: v })}
        onSaved={done}
      >
        <Form.Item name="custodian" label={ta('custodian')}>
          <Input data-testid="transfer-custodian" />
        </Form.Item>
        <Form.Item name="location" label={ta('location')}>
          <Input data-testid="transfer-location" />
        </Form.Item>
      </FormModal>
      <HandInModal open={modal === 'hand_in'} assetIds={[card.id]} onClose={() => setModal(null)} onSaved={done} />
      <FormModal<Omit<RouteBody<typeof assetPoolApi.dispose>, 'assetIds'>>
        open={modal === 'dispose'}
        title={ta('dispose')}
        onClose={() => setModal(null)}
        initialValues={{ method: 'scrap' }}
        onSubmit={(v) => call(assetPoolApi.dispose, { body: { ...v, assetIds: [card.id] } })}
        onSaved={done}
      >
        <Form.Item name="method" label={ta('method')} rules={[{ required: true }]}>
          <Select options={['scrap', 'auction', 'donation', 'transfer'].map((m) => ({ value: m, label: byCode(ta, 'dm', m) }))} />
        </Form.Item>
        <Form.Item name="reason" label={ta('reason')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="earlyReason" label={ta('earlyReason')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </FormModal>
    </div>
  );
}

export function HandInModal(props: { open: boolean; assetIds: number[]; onClose: () => void; onSaved: () => void }) {
  const ta = assetsMessages.useT();
  return (
    <FormModal<Omit<RouteBody<typeof assetPoolApi.createHandIn>, 'assetIds'>>
      open={props.open}
      title={ta('handIn')}
      onClose={props.onClose}
      initialValues={{ reason: 'idle' }}
      onSubmit={(v) => call(assetPoolApi.createHandIn, { body: { ...v, assetIds: props.assetIds } })}
      onSaved={props.onSaved}
    >
      <Form.Item name="reason" label={ta('reason')} rules={[{ required: true }]}>
        <Select
          data-testid="hand-in-reason"
          options={['idle', 'over_standard', 'abolished_body', 'event'].map((r) => ({ value: r, label: byCode(ta, 'hr', r) }))}
        />
      </Form.Item>
      <Form.Item name="note" label={ta('note')}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormModal>
  );
}

export type { TAsset };
