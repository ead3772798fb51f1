import { officeApi } from '../../../contracts/modules/office-space.api';
import { Alert, Button, Empty, Space } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useOwnUnitDefault } from '../../core/org/UnitSelect';
import { download, useApiQuery } from '../../shared/typedApi';
import { defineMessages } from '../../shared/i18n';
import { PrintLayout } from '../../shared/ui/PrintLayout';
import { ErrorState, Loading } from '../../shared/ui/states';
import { FloorPlanViewer } from './FloorPlan';
import { UnitSelect, fmtArea, useRoomUseLabel, officeMessages, tKey } from './common';
import { fmtDay } from '../../shared/dates';

export const filingMessages = defineMessages('office.filing', {
  title: { zh: '单位办公用房使用情况备案表', en: 'Unit office-space filing report' },
  issuer: { zh: '机关事务管理局', en: 'Government Offices Administration' },
  pick: { zh: '选择要备案的单位', en: 'Choose the unit to file' },
  basic: { zh: '一、基本情况', en: '1. Overview' },
  unitName: { zh: '单位名称', en: 'Unit' },
  level: { zh: '机构级别', en: 'Agency level' },
  staffing: { zh: '编制人数', en: 'Approved staffing' },
  headcount: { zh: '实有人数', en: 'Headcount' },
  total: { zh: '办公用房使用面积合计', en: 'Total usable area' },
  byClass: {
    zh: '{total} ㎡（其中：办公室 {o} ㎡；服务用房 {s} ㎡；设备用房 {e} ㎡；附属用房 {a} ㎡）',
    en: '{total} m² (office {o} m²; service {s} m²; equipment {e} m²; auxiliary {a} m²)',
  },
  overFigures: { zh: '{n} / {a} ㎡', en: '{n} / {a} m²' },
  listSep: { zh: '、', en: ', ' },
  perCapita: { zh: '人均办公室面积', en: 'Office area per person' },
  over: { zh: '超标人数 / 超标面积', en: 'People over the standard / excess area' },
  leaders: { zh: '二、领导干部办公室使用情况', en: '2. Leaders’ offices' },
  rooms: { zh: '三、房间明细', en: '3. Rooms' },
  drawings: { zh: '四、平面布置图', en: '4. Floor plans' },
  name: { zh: '姓名', en: 'Name' },
  post: { zh: '职务', en: 'Post' },
  std: { zh: '标准(㎡)', en: 'Standard (m²)' },
  actual: { zh: '实际(㎡)', en: 'Actual (m²)' },
  roomNo: { zh: '房间号', en: 'Room' },
  building: { zh: '楼栋 / 楼层', en: 'Building / floor' },
  use: { zh: '用途', en: 'Use' },
  area: { zh: '面积(㎡)', en: 'Area (m²)' },
  users: { zh: '使用人', en: 'Occupants' },
  generated: { zh: '生成时间：{t}', en: 'Generated {t}' },
  partial: {
    zh: '本表列出前 {shown} 间房间，共 {total} 间。全部房间请导出 Excel。',
    en: 'This form lists the first {shown} of {total} rooms. Export to Excel for every room.',
  },
  exportAll: { zh: '导出全部房间', en: 'Export every room' },
  county: { zh: '县级', en: 'County' },
  city: { zh: '市级', en: 'City' },
  province: { zh: '省级', en: 'Province' },
  central: { zh: '中央', en: 'Central' },
  township: { zh: '乡级', en: 'Township' },
});

const cell = { border: '1px solid #333', padding: '4px 6px' } as const;

/** 单位办公用房备案表, laid out for A4 and signed on paper; the floors a unit uses are attached as drawings. */
export function FilingPage() {
  const t = filingMessages.useT();
  const tc = officeMessages.useT();
  const [params, setParams] = useSearchParams();
  const orgId = params.get('orgId') ? Number(params.get('orgId')) : undefined;
  // Opens on the caller's own unit (else the first they see), not on an empty page.
  useOwnUnitDefault(orgId, (id) => setParams({ orgId: String(id) }, { replace: true }));
  const q = useApiQuery(officeApi.filingReport, { query: { orgId: orgId ?? 0 } }, { enabled: !!orgId });
  const label = useRoomUseLabel();
  const picker = (
    <Space className="hq-no-print" style={{ marginBottom: 12 }}>
      <UnitSelect value={orgId} onChange={(v) => setParams(v ? { orgId: String(v) } : {})} placeholder={t('pick')} testId="filing-unit" />
    </Space>
  );
  if (!orgId)
    return (
      <div>
        {picker}
        <Empty description={t('pick')} />
      </div>
    );
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Loading />;
  const { org, summary: s, rooms, floors } = q.data;
  return (
    <div>
      {picker}
      <PrintLayout issuer={t('issuer')} title={t('title')} docNo={t('generated', { t: fmtDay(q.data.generatedAt) })}>
        <div data-testid="filing-report">
          <h3>{t('basic')}</h3>
          <table style={{ width: '100%', borderCollapse: 'collapse' }}>
            <tbody>
              <tr>
                <td style={cell}>{t('unitName')}</td>
                <td style={cell} colSpan={3}>
                  {org.name}
                </td>
              </tr>
              <tr>
                <td style={cell}>{t('level')}</td>
                <td style={cell}>{tKey(t, `${org.agencyLevel}`)}</td>
                <td style={cell}>
                  {t('staffing')} / {t('headcount')}
                </td>
                <td style={cell}>
                  {s.staffing} / {s.headcount}
                </td>
              </tr>
              <tr>
                <td style={cell}>{t('total')}</td>
                <td style={cell} colSpan={3}>
                  {t('byClass', {
                    total: fmtArea(s.totalArea),
                    o: fmtArea(s.areaByUseClass.office),
                    s: fmtArea(s.areaByUseClass.service),
                    e: fmtArea(s.areaByUseClass.equipment),
                    a: fmtArea(s.areaByUseClass.auxiliary),
                  })}
                </td>
              </tr>
              <tr>
                <td style={cell}>{t('perCapita')}</td>
                <td style={cell}>{tc('sqm', { n: fmtArea(s.officeAreaPerCapita) })}</td>
                <td style={cell}>{t('over')}</td>
                <td style={cell}>{t('overFigures', { n: s.overStandardCount, a: fmtArea(s.overStandardArea) })}</td>
              </tr>
            </tbody>
          </table>
          <h3>{t('leaders')}</h3>
          <table style={{ width: '100%', borderCollapse: 'collapse' }}>
            <thead>
              <tr>
                {(['name', 'post', 'roomNo', 'std', 'actual'] as const).map((k) => (
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
                  <td style={cell}>{l.rooms.map((r) => r.number).join(t('listSep'))}</td>
                  <td style={{ ...cell, textAlign: 'right' }}>{fmtArea(l.entitledArea)}</td>
                  <td style={{ ...cell, textAlign: 'right', color: l.overStandard ? '#c62828' : undefined }}>{fmtArea(l.actualArea)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('rooms')}</h3>
          {q.data.roomsTotal > rooms.length ? (
            // A whole district's rooms are a spreadsheet, not a form: say the list stops, never cut it silently.
            <Alert
              type="warning"
              showIcon
              data-testid="filing-partial"
              style={{ marginBottom: 8 }}
              message={t('partial', { shown: rooms.length, total: q.data.roomsTotal })}
              action={
                <Button size="small" className="hq-no-print" onClick={() => download(officeApi.exportRooms, { query: { orgId: org.id } })}>
                  {t('exportAll')}
                </Button>
              }
            />
          ) : null}
          <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: 12 }}>
            <thead>
              <tr>
                {(['building', 'roomNo', 'use', 'area', 'users'] as const).map((k) => (
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
                  <td style={cell}>{`${tc(`useClass.${r.useClass}`)} · ${label(r.useType)}`}</td>
                  <td style={{ ...cell, textAlign: 'right' }}>{fmtArea(r.area)}</td>
                  <td style={cell}>{r.occupantNames ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {floors.length ? <h3>{t('drawings')}</h3> : null}
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
