import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Grid, Input, InputNumber, Modal, Select, Space, Table, Typography, message } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { type TRepair, type TRepairSnapshot, type TUseClass, USE_CLASSES } from '../../../contracts/modules/office-space';
import { officeApi } from '../../../contracts/modules/office-space.api';
import { ApiError } from '../../shared/api';
import { useLocale } from '../../shared/i18n';
import { call, useApiQuery } from '../../shared/typedApi';
import { DraftUpload } from '../../shared/ui/Attachments';
import { ErrorState, Loading } from '../../shared/ui/states';
import { enumOptions, fmtArea, officeMessages, useRoomUses } from './common';
import { round2, useAreaShare } from './repairs-common';
import { showFieldErrors } from '../../shared/ui/formErrors';
import { repairsMessages } from './repairs.i18n';

const errText = (e: unknown) => showFieldErrors(e);

type Row = {
  key: string;
  roomId?: number;
  floorId?: number;
  floorName: string;
  number: string;
  area: number | null;
  useClass: string;
  useType: string | null;
  removed: boolean;
  orig?: TRepairSnapshot['rooms'][number];
};
const isChanged = (r: Row) =>
  !r.orig ||
  r.removed ||
  r.area !== r.orig.area ||
  r.number !== r.orig.number ||
  r.useClass !== r.orig.useClass ||
  (r.useType ?? '') !== (r.orig.useType ?? '');

/** 维修改造备案: the building's rooms as they are after the works (changed, removed, new) and its gross area, within the rule. */
export function RepairFilingModal(props: { repair: TRepair; onClose: () => void; onSaved: () => void }) {
  const t = repairsMessages.useT();
  const tc = officeMessages.useT();
  const screens = Grid.useBreakpoint();
  const rep = props.repair;
  const share = useAreaShare();
  const uses = useRoomUses();
  const { locale } = useLocale();
  const current = useApiQuery(officeApi.repairCurrent, { params: { id: rep.id } });
  const floorsQ = useApiQuery(officeApi.floors, { query: { buildingId: rep.buildingId } });
  const floors = { ...floorsQ, data: floorsQ.data?.items };
  const [rows, setRows] = useState<Row[] | null>(null);
  const [gross, setGross] = useState<number | null>(null);
  const [fileIds, setFileIds] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const seq = useRef(0);
  useEffect(() => {
    if (current.data && rows === null) {
      setRows(current.data.rooms.map((r) => ({ ...r, key: String(r.roomId), removed: false, orig: r })));
      setGross(current.data.grossArea);
    }
  }, [current.data, rows]);
  const before = current.data;
  const maxGross = before ? round2(before.grossArea * (1 + (rep.kind === 'major' ? share : 0))) : 0;
  const update = (key: string, patch: Partial<Row>) => setRows((rs) => (rs ?? []).map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const addRow = () => {
    seq.current += 1;
    setRows((rs) => [
      ...(rs ?? []),
      { key: `new-${seq.current}`, floorName: '', number: '', area: null, useClass: 'office', useType: 'office', removed: false },
    ]);
  };
  const changed = (rows ?? []).filter(isChanged);
  const afterByClass = useMemo(() => {
    const m: Record<string, number> = { office: 0, service: 0, equipment: 0, auxiliary: 0 };
    for (const r of rows ?? []) if (!r.removed) m[r.useClass] = round2((m[r.useClass] ?? 0) + (r.area ?? 0));
    return m;
  }, [rows]);
  const submit = async () => {
    if (!rows || gross === null) return;
    for (const r of changed) {
      if (r.removed) continue;
      if (!r.roomId && !r.floorId) return message.error(t('needFloor'));
      if (!r.number.trim() || !r.area || !r.useType) return message.error(t('needFields'));
    }
    setBusy(true);
    try {
      await call(officeApi.fileRepair, {
        params: { id: rep.id },
        body: {
          grossArea: gross,
          rooms: changed.map((r) => ({
            roomId: r.roomId,
            floorId: r.roomId ? undefined : r.floorId,
            number: r.number.trim(),
            area: r.area ?? r.orig?.area ?? 0,
            useClass: r.useClass as TUseClass,
            useType: r.useType ?? r.orig?.useType ?? r.useClass,
            removed: r.removed,
          })),
          fileIds,
        },
      });
      message.success(t('filed'));
      props.onSaved();
      props.onClose();
    } catch (e) {
      message.error(errText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`${t('filing')} · ${rep.buildingName}`}
      onCancel={props.onClose}
      onOk={submit}
      confirmLoading={busy}
      okText={t('submitFiling')}
      okButtonProps={{ 'data-testid': 'filing-submit' } as never}
      width={screens.lg ? 1080 : '100%'}
      style={screens.lg ? undefined : { top: 0, maxWidth: '100vw', padding: 0 }}
      destroyOnHidden
    >
      {current.error ? <ErrorState error={current.error} onRetry={() => current.refetch()} /> : null}
      {!rows || !before ? (
        <Loading />
      ) : (
        <div data-testid="filing-form">
          <Alert type="info" showIcon message={t('filingHint')} style={{ marginBottom: 12 }} />
          <Space wrap align="center" style={{ marginBottom: 12 }}>
            <span>{t('grossAfter')}</span>
            <InputNumber
              min={0.01}
              precision={2}
              value={gross}
              onChange={(v) => setGross(v)}
              status={gross !== null && gross > maxGross ? 'error' : undefined}
              style={{ width: 160 }}
              data-testid="filing-gross"
            />
            <Typography.Text type={gross !== null && gross > maxGross ? 'danger' : 'secondary'}>
              {t('grossHint', { b: fmtArea(before.grossArea), m: fmtArea(maxGross) })}
            </Typography.Text>
          </Space>
          <Table<Row>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={rows}
            scroll={{ x: 'max-content', y: 380 }}
            data-testid="filing-rooms"
            onRow={(r) =>
              ({
                'data-testid': `filing-row-${r.key}`,
                style: { background: r.removed ? '#f5f5f5' : isChanged(r) ? '#fffbe6' : undefined },
              }) as React.HTMLAttributes<HTMLElement>
            }
            columns={[
              {
                title: tc('floor'),
                dataIndex: 'floorName',
                width: 150,
                render: (v: string, r) =>
                  r.roomId ? (
                    v
                  ) : (
                    <Select
                      size="small"
                      style={{ width: 130 }}
                      value={r.floorId}
                      onChange={(f) => update(r.key, { floorId: f })}
                      data-testid={`filing-floor-${r.key}`}
                      options={(floors.data ?? []).map((f) => ({ value: f.id, label: f.name }))}
                    />
                  ),
              },
              {
                title: tc('number'),
                dataIndex: 'number',
                width: 110,
                render: (v: string, r) => (
                  <Input
                    size="small"
                    value={v}
                    maxLength={20}
                    disabled={r.removed}
                    onChange={(e) => update(r.key, { number: e.target.value })}
                    data-testid={`filing-number-${r.key}`}
                  />
                ),
              },
              {
                title: tc('useType'),
                dataIndex: 'useType',
                width: 150,
                render: (v: string | null, r) => (
                  <Select
                    size="small"
                    showSearch
                    optionFilterProp="label"
                    style={{ width: 130 }}
                    value={v ?? undefined}
                    disabled={r.removed}
                    onChange={(u: string) => {
                      const cls = (uses.data ?? []).find((x) => x.code === u)?.extra?.useClass;
                      update(r.key, { useType: u, ...(typeof cls === 'string' ? { useClass: cls } : {}) });
                    }}
                    data-testid={`filing-use-${r.key}`}
                    options={(uses.data ?? []).map((u) => ({ value: u.code, label: locale === 'en' ? u.labelEn : u.labelZh }))}
                  />
                ),
              },
              {
                title: tc('useClass'),
                dataIndex: 'useClass',
                width: 130,
                render: (v: string, r) => (
                  <Select
                    size="small"
                    style={{ width: 120 }}
                    value={v}
                    disabled={r.removed}
                    onChange={(c) => update(r.key, { useClass: c })}
                    options={enumOptions((v) => tc(`useClass.${v}`), USE_CLASSES)}
                  />
                ),
              },
              {
                title: tc('area'),
                dataIndex: 'area',
                width: 130,
                render: (v: number | null, r) => (
                  <InputNumber
                    size="small"
                    min={0.01}
                    max={5000}
                    precision={2}
                    value={v}
                    disabled={r.removed}
                    onChange={(a) => update(r.key, { area: a })}
                    style={{ width: 110 }}
                    data-testid={`filing-area-${r.key}`}
                  />
                ),
              },
              {
                title: t('removed'),
                key: 'removed',
                width: 80,
                render: (_, r) =>
                  r.roomId ? (
                    <Checkbox
                      checked={r.removed}
                      onChange={(e) => update(r.key, { removed: e.target.checked })}
                      data-testid={`filing-removed-${r.key}`}
                    />
                  ) : (
                    <Button
                      size="small"
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('removed')}
                      onClick={() => setRows((rs) => (rs ?? []).filter((x) => x.key !== r.key))}
                    />
                  ),
              },
            ]}
          />
          <Space wrap style={{ marginTop: 8, justifyContent: 'space-between', width: '100%' }}>
            <Button icon={<PlusOutlined />} onClick={addRow} data-testid="filing-add-row">
              {t('addRow')}
            </Button>
            <Typography.Text type="secondary" data-testid="filing-changed" data-count={changed.length}>
              {t('changed', { n: changed.length })} ·{' '}
              {USE_CLASSES.map((c) =>
                t('classChange', { cls: tc(`useClass.${c}`), before: fmtArea(before.byClass[c] ?? 0), after: fmtArea(afterByClass[c]) }),
              ).join(t('listSep'))}
            </Typography.Text>
          </Space>
          <div style={{ marginTop: 12 }}>
            <div style={{ marginBottom: 4 }}>{t('drawings')}</div>
            <DraftUpload ownerType="office_repair" value={fileIds} onChange={setFileIds} testId="filing-files" />
          </div>
        </div>
      )}
    </Modal>
  );
}
