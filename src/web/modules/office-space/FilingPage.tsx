import { officeApi } from '../../../contracts/modules/office-space.api';
import { Empty, Space } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useApiQuery } from '../../shared/typedApi';
import { defineMessages, useT } from '../../shared/i18n';
import { PrintLayout } from '../../shared/ui/PrintLayout';
import { ErrorState, Loading } from '../../shared/ui/states';
import { FloorPlanViewer } from './FloorPlan';
import { UnitSelect, fmtArea, useRoomUseLabel } from './common';

defineMessages(
  {
    'osp.title': '单位办公用房使用情况备案表',
    'osp.issuer': '机关事务管理局',
    'osp.pick': '选择要备案的单位',
    'osp.basic': '一、基本情况',
    'osp.unitName': '单位名称',
    'osp.level': '机构级别',
    'osp.staffing': '编制人数',
    'osp.headcount': '实有人数',
    'osp.total': '办公用房使用面积合计',
    'osp.byClass': '其中：办公室 {o} ㎡；服务用房 {s} ㎡；设备用房 {e} ㎡；附属用房 {a} ㎡',
    'osp.perCapita': '人均办公室面积',
    'osp.over': '超标人数 / 超标面积',
    'osp.leaders': '二、领导干部办公室使用情况',
    'osp.rooms': '三、房间明细',
    'osp.drawings': '四、平面布置图',
    'osp.name': '姓名',
    'osp.post': '职务',
    'osp.std': '标准(㎡)',
    'osp.actual': '实际(㎡)',
    'osp.roomNo': '房间号',
    'osp.building': '楼栋 / 楼层',
    'osp.use': '用途',
    'osp.area': '面积(㎡)',
    'osp.users': '使用人',
    'osp.generated': '生成时间：{t}',
    'osp.county': '县级',
    'osp.city': '市级',
    'osp.province': '省级',
    'osp.central': '中央',
    'osp.township': '乡级',
  },
  {
    'osp.title': 'Unit office-space filing report',
    'osp.issuer': 'Government Offices Administration',
    'osp.pick': 'Choose the unit to file',
    'osp.basic': '1. Overview',
    'osp.unitName': 'Unit',
    'osp.level': 'Agency level',
    'osp.staffing': 'Approved staffing',
    'osp.headcount': 'Headcount',
    'osp.total': 'Total usable area',
    'osp.byClass': 'Office {o} m²; service {s} m²; equipment {e} m²; auxiliary {a} m²',
    'osp.perCapita': 'Office area per person',
    'osp.over': 'People over the standard / excess area',
    'osp.leaders': '2. Leaders’ offices',
    'osp.rooms': '3. Rooms',
    'osp.drawings': '4. Floor plans',
    'osp.name': 'Name',
    'osp.post': 'Post',
    'osp.std': 'Standard (m²)',
    'osp.actual': 'Actual (m²)',
    'osp.roomNo': 'Room',
    'osp.building': 'Building / floor',
    'osp.use': 'Use',
    'osp.area': 'Area (m²)',
    'osp.users': 'Occupants',
    'osp.generated': 'Generated {t}',
    'osp.county': 'County',
    'osp.city': 'City',
    'osp.province': 'Province',
    'osp.central': 'Central',
    'osp.township': 'Township',
  },
);

const cell = { border: '1px solid #333', padding: '4px 6px' } as const;

/** 单位办公用房备案表, laid out for A4 and signed on paper; the floors a unit uses are attached as drawings. */
export function FilingPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') ? Number(params.get('orgId')) : undefined;
  const q = useApiQuery(officeApi.filingReport, { query: { orgId: orgId ?? 0 } }, { enabled: !!orgId });
  const label = useRoomUseLabel();
  const picker = (
    <Space className="hq-no-print" style={{ marginBottom: 12 }}>
      <UnitSelect
        value={orgId}
        onChange={(v) => setParams(v ? { orgId: String(v) } : {})}
        placeholder={t('osp.pick')}
        testId="filing-unit"
      />
    </Space>
  );
  if (!orgId)
    return (
      <div>
        {picker}
        <Empty description={t('osp.pick')} />
      </div>
    );
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Loading />;
  const { org, summary: s, rooms, floors } = q.data;
  return (
    <div>
      {picker}
      <PrintLayout issuer={t('osp.issuer')} title={t('osp.title')} docNo={t('osp.generated', { t: q.data.generatedAt.slice(0, 10) })}>
        <div data-testid="filing-report">
          <h3>{t('osp.basic')}</h3>
          <table style={{ width: '100%', borderCollapse: 'collapse' }}>
            <tbody>
              <tr>
                <td style={cell}>{t('osp.unitName')}</td>
                <td style={cell} colSpan={3}>
                  {org.name}
                </td>
              </tr>
              <tr>
                <td style={cell}>{t('osp.level')}</td>
                <td style={cell}>{t(`osp.${org.agencyLevel}`)}</td>
                <td style={cell}>
                  {t('osp.staffing')} / {t('osp.headcount')}
                </td>
                <td style={cell}>
                  {s.staffing} / {s.headcount}
                </td>
              </tr>
              <tr>
                <td style={cell}>{t('osp.total')}</td>
                <td style={cell} colSpan={3}>
                  {fmtArea(s.totalArea)} ㎡（
                  {t('osp.byClass', {
                    o: fmtArea(s.areaByUseClass.office),
                    s: fmtArea(s.areaByUseClass.service),
                    e: fmtArea(s.areaByUseClass.equipment),
                    a: fmtArea(s.areaByUseClass.auxiliary),
                  })}
                  ）
                </td>
              </tr>
              <tr>
                <td style={cell}>{t('osp.perCapita')}</td>
                <td style={cell}>{fmtArea(s.officeAreaPerCapita)} ㎡</td>
                <td style={cell}>{t('osp.over')}</td>
                <td style={cell}>
                  {s.overStandardCount} / {fmtArea(s.overStandardArea)} ㎡
                </td>
              </tr>
            </tbody>
          </table>
          <h3>{t('osp.leaders')}</h3>
          <table style={{ width: '100%', borderCollapse: 'collapse' }}>
            <thead>
              <tr>
                {['osp.name', 'osp.post', 'osp.roomNo', 'osp.std', 'osp.actual'].map((k) => (
                  <th key={k} style={cell}>
                    {t(k)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {s.leaders.map((l) => (
                <tr key={l.personId}>
                  <td style={cell}>{l.name}</td>
                  <td style={cell}>{l.postTitle}</td>
                  <td style={cell}>{l.rooms.map((r) => r.number).join('、')}</td>
                  <td style={{ ...cell, textAlign: 'right' }}>{fmtArea(l.entitledArea)}</td>
                  <td style={{ ...cell, textAlign: 'right', color: l.overStandard ? '#c62828' : undefined }}>{fmtArea(l.actualArea)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('osp.rooms')}</h3>
          <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: 12 }}>
            <thead>
              <tr>
                {['osp.building', 'osp.roomNo', 'osp.use', 'osp.area', 'osp.users'].map((k) => (
                  <th key={k} style={cell}>
                    {t(k)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rooms.map((r) => (
                <tr key={r.id}>
                  <td style={cell}>{`${r.buildingName} ${r.floorName}`}</td>
                  <td style={cell}>{r.number}</td>
                  <td style={cell}>{`${t(`uc.${r.useClass}`)} · ${label(r.useType)}`}</td>
                  <td style={{ ...cell, textAlign: 'right' }}>{fmtArea(r.area)}</td>
                  <td style={cell}>{r.occupantNames ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {floors.length ? <h3>{t('osp.drawings')}</h3> : null}
          {floors.map((f) => (
            <FloorDrawing key={f.id} floorId={f.id} title={`${f.buildingName} ${f.name}`} orgId={org.id} />
          ))}
        </div>
      </PrintLayout>
    </div>
  );
}

function FloorDrawing({ floorId, title, orgId }: { floorId: number; title: string; orgId: number }) {
  const q = useApiQuery(officeApi.floor, { params: { id: floorId } });
  if (!q.data?.plan) return null;
  // Only this unit's rooms are coloured; the rest of the floor is drawn for orientation.
  const rooms = q.data.roomList.filter((r) => r.orgId === orgId);
  return (
    <div style={{ breakInside: 'avoid', marginBottom: 12 }}>
      <div style={{ fontWeight: 600 }}>{title}</div>
      <FloorPlanViewer plan={q.data.plan} rooms={rooms} colourBy="useClass" />
    </div>
  );
}
