import { officeApi } from '../../../contracts/modules/office-space.api';
import { EditOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, List, Row, Segmented, Select, Space, Tag, message } from 'antd';
import { useState } from 'react';
import { useDefaultSelection } from '../../shared/defaultSelection';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { filesApi } from '../../../contracts/core/files.api';
import type { TFloorPlan } from '../../../contracts/modules/office-space';
import { useAuth } from '../../core/auth/auth';
import { ApiError } from '../../shared/api';
import { upload as uploadFile, urlOf, useApiMutation, useApiQuery } from '../../shared/typedApi';
import { defineMessages } from '../../shared/i18n';
import { ErrorState, Loading, PageHeader } from '../../shared/ui/states';
import { FloorPlanEditor, FloorPlanViewer } from './FloorPlan';
import { showFieldErrors } from '../../shared/ui/formErrors';
import { fmtArea, useBuildings } from './common';

export const floorsMessages = defineMessages('office.floors', {
  title: { zh: '楼层平面图', en: 'Floor plans' },
  pickBuilding: { zh: '选择楼栋', en: 'Choose a building' },
  noPlan: { zh: '本层尚未绘制平面图', en: 'This floor has no plan yet' },
  draw: { zh: '绘制平面图', en: 'Draw the plan' },
  edit: { zh: '编辑平面图', en: 'Edit plan' },
  view: { zh: '查看', en: 'View' },
  byClass: { zh: '按用途着色', en: 'Colour by use' },
  byCompliance: { zh: '按达标情况着色', en: 'Colour by compliance' },
  saved: { zh: '平面图已保存', en: 'Plan saved' },
  rooms: { zh: '{n} 间 · {a} ㎡', en: '{n} rooms · {a} m²' },
  print: { zh: '打印', en: 'Print' },
});

type FloorRow = { id: number; level: number; name: string; hasPlan: boolean; rooms: number; roomArea: number };

/** Pick a building and a floor; view the plan coloured by use or compliance, or draw it. */
export function FloorsPage() {
  const t = floorsMessages.useT();
  const [params, setParams] = useSearchParams();
  const buildingId = params.get('buildingId') ? Number(params.get('buildingId')) : undefined;
  const floorId = params.get('floorId') ? Number(params.get('floorId')) : undefined;
  const buildings = useBuildings();
  const floorsQ = useApiQuery(officeApi.floors, { query: { buildingId: buildingId ?? 0 } }, { enabled: !!buildingId });
  const floors = { ...floorsQ, data: floorsQ.data?.items as FloorRow[] | undefined };
  const set = (next: Record<string, string | number | undefined>, replace = false) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next))
      if (v === undefined) p.delete(k);
      else p.set(k, String(v));
    setParams(p, { replace });
  };
  // Opens on a building of the caller's own unit (else the first) and its first floor with a
  // plan (else the first floor), not on an empty page waiting for two picks.
  const { me } = useAuth();
  useDefaultSelection(
    buildingId,
    buildings.data,
    (b) => b.id,
    (id) => set({ buildingId: id, floorId: undefined }, true),
    (b) => b.orgId === me?.orgId,
  );
  useDefaultSelection(
    floorId,
    buildingId ? floors.data : undefined,
    (f) => f.id,
    (id) => set({ floorId: id }, true),
    (f) => f.hasPlan,
  );
  return (
    <div>
      <PageHeader
        title={t('title')}
        extra={
          <Select
            className="hq-no-print"
            style={{ minWidth: 240 }}
            placeholder={t('pickBuilding')}
            value={buildingId}
            data-testid="floors-building"
            onChange={(v) => set({ buildingId: v, floorId: undefined })}
            options={(buildings.data ?? []).map((b) => ({ value: b.id, label: `${b.siteName} · ${b.name}` }))}
          />
        }
      />
      <Row gutter={12}>
        <Col xs={24} md={5} className="hq-no-print">
          <List
            size="small"
            bordered
            dataSource={floors.data ?? []}
            data-testid="floor-list"
            renderItem={(f) => (
              <List.Item
                style={{ cursor: 'pointer', background: f.id === floorId ? '#fff1f0' : undefined }}
                onClick={() => set({ floorId: f.id })}
                data-testid={`floor-${f.name}`}
              >
                <Space direction="vertical" size={0}>
                  <Space>
                    <b>{f.name}</b>
                    {f.hasPlan ? <Tag color="blue">▦</Tag> : null}
                  </Space>
                  <span style={{ color: '#888', fontSize: 12 }}>{t('rooms', { n: f.rooms, a: fmtArea(f.roomArea) })}</span>
                </Space>
              </List.Item>
            )}
          />
        </Col>
        <Col xs={24} md={19}>
          {floorId ? <FloorView key={floorId} floorId={floorId} /> : <Empty description={t('pickBuilding')} />}
        </Col>
      </Row>
    </div>
  );
}

function FloorView({ floorId }: { floorId: number }) {
  const t = floorsMessages.useT();
  const { hasPermission } = useAuth();
  const navigate = useNavigate();
  const [mode, setMode] = useState<'view' | 'edit'>('view');
  const [colourBy, setColourBy] = useState<'useClass' | 'compliance'>('compliance');
  const [saving, setSaving] = useState(false);
  const q = useApiQuery(officeApi.floor, { params: { id: floorId } });
  const saveFloor = useApiMutation(officeApi.updateFloor, { invalidates: [officeApi.floor, officeApi.floors] });
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Loading />;
  const f = q.data;
  const canDraw = hasPermission('office.write') || hasPermission('office.manage');
  const save = async (plan: TFloorPlan) => {
    setSaving(true);
    try {
      await saveFloor.mutateAsync({ params: { id: floorId }, body: { plan } });
      message.success(t('saved'));
      setMode('view');
    } catch (e) {
      message.error(showFieldErrors(e));
    } finally {
      setSaving(false);
    }
  };
  const upload = async (file: File) =>
    (await uploadFile(filesApi.upload, { file, fields: { ownerType: 'office_floor', ownerId: String(floorId) } })).id;
  return (
    <Card
      size="small"
      title={`${f.siteName} · ${f.buildingName} · ${f.name}`}
      extra={
        <Space className="hq-no-print" wrap>
          {mode === 'view' && f.plan ? (
            <Segmented
              value={colourBy}
              onChange={(v) => setColourBy(v as 'useClass')}
              options={[
                { value: 'compliance', label: t('byCompliance') },
                { value: 'useClass', label: t('byClass') },
              ]}
            />
          ) : null}
          {canDraw ? (
            <Button icon={<EditOutlined />} onClick={() => setMode(mode === 'view' ? 'edit' : 'view')} data-testid="plan-edit-toggle">
              {mode === 'view' ? (f.plan ? t('edit') : t('draw')) : t('view')}
            </Button>
          ) : null}
          {mode === 'view' && f.plan ? (
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              {t('print')}
            </Button>
          ) : null}
        </Space>
      }
    >
      {mode === 'edit' ? (
        <FloorPlanEditor
          plan={f.plan}
          rooms={f.roomList}
          onSave={save}
          saving={saving}
          onUploadBackground={upload}
          backgroundUrl={(id) => urlOf(filesApi.get, { params: { id } })}
        />
      ) : f.plan ? (
        <FloorPlanViewer
          plan={f.plan}
          rooms={f.roomList}
          colourBy={colourBy}
          backgroundUrl={(id) => urlOf(filesApi.get, { params: { id } })}
          onRoomClick={(id) => navigate(`/office/registry?tab=rooms&roomId=${id}`)}
        />
      ) : (
        <Empty description={t('noPlan')} />
      )}
    </Card>
  );
}
