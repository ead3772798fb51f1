import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Empty } from 'antd';
import { type TRepairSnapshot, USE_CLASSES } from '../../../contracts/modules/office-space';
import { officeApi } from '../../../contracts/modules/office-space.api';
import { formatMoney } from '../../shared/money';
import { useApiQuery } from '../../shared/typedApi';
import { PrintLayout } from '../../shared/ui/PrintLayout';
import { ErrorState, Loading } from '../../shared/ui/states';
import { fmtArea, officeMessages, tKey, useRoomUseLabel } from './common';
import { round2 } from './repairs-common';
import { repairsMessages } from './repairs.i18n';
import { fmtDay } from '../../shared/dates';

const cell = { border: '1px solid #333', padding: '4px 6px' } as const;
const num = { ...cell, textAlign: 'right' as const };
const diff = (a: number | null | undefined, b: number | null | undefined) => {
  if (a === null || a === undefined || b === null || b === undefined) return '—';
  const d = round2(b - a);
  return d === 0 ? '0' : `${d > 0 ? '+' : ''}${fmtArea(d)}`;
};

/** 备案前后对比表: areas by use, every room and the leaders' offices before and after the works; prints on A4. */
export function RepairComparison({ id, onBack }: { id: number; onBack: () => void }) {
  const t = repairsMessages.useT();
  const tc = officeMessages.useT();
  const label = useRoomUseLabel();
  const q = useApiQuery(officeApi.repair, { params: { id } });
  const back = (
    <Button className="hq-no-print" icon={<ArrowLeftOutlined />} onClick={onBack} style={{ marginBottom: 8 }} data-testid="compare-back">
      {t('back')}
    </Button>
  );
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Loading />;
  const r = q.data;
  const b = r.filingBefore;
  const a = r.filingAfter;
  if (!b || !a)
    return (
      <div>
        {back}
        <Empty description={t('notFiled')} />
      </div>
    );
  const sum = (s: TRepairSnapshot) => round2(Object.values(s.byClass).reduce((x, y) => x + y, 0));
  const ids = [...new Set([...b.rooms.map((x) => x.roomId), ...a.rooms.map((x) => x.roomId)])];
  const rooms = ids.map((rid) => ({ rid, before: b.rooms.find((x) => x.roomId === rid), after: a.rooms.find((x) => x.roomId === rid) }));
  const use = (x?: { useClass: string; useType: string | null }) =>
    x ? `${tKey(tc, `useClass.${x.useClass}`)} · ${x.useType ? label(x.useType) : ''}` : '';
  const names = [...new Set([...b.leaders.map((l) => l.personName), ...a.leaders.map((l) => l.personName)])];
  const totals: { key: string; label: string; before: number; after: number }[] = [
    { key: 'gross', label: t('gross'), before: b.grossArea, after: a.grossArea },
    ...USE_CLASSES.map((c) => ({ key: c, label: tc(`useClass.${c}`), before: b.byClass[c] ?? 0, after: a.byClass[c] ?? 0 })),
    { key: 'usable', label: t('usable'), before: sum(b), after: sum(a) },
  ];
  return (
    <div>
      {back}
      <PrintLayout issuer={t('issuer')} title={t('docTitle')} docNo={t('docNo', { id: r.id })}>
        <div data-testid="repair-comparison">
          <h3>{t('s1')}</h3>
          <table style={{ width: '100%', borderCollapse: 'collapse' }}>
            <tbody>
              <tr>
                <td style={cell}>{tc('unit')}</td>
                <td style={cell}>{r.orgName}</td>
                <td style={cell}>{tc('building')}</td>
                <td style={cell}>{r.buildingName}</td>
              </tr>
              <tr>
                <td style={cell}>{t('project')}</td>
                <td style={cell}>{r.title}</td>
                <td style={cell}>{t('kind')}</td>
                <td style={cell}>{t(`kind.${r.kind}`)}</td>
              </tr>
              <tr>
                <td style={cell}>{t('budget')}</td>
                <td style={cell}>{formatMoney(r.budget)}</td>
                <td style={cell}>{t('actualCost')}</td>
                <td style={cell}>{formatMoney(r.actualCost)}</td>
              </tr>
              <tr>
                <td style={cell}>
                  {t('startedOn')} / {t('completedOn')}
                </td>
                <td style={cell}>
                  {r.startedOn} ~ {r.completedOn}
                </td>
                <td style={cell}>{t('filedAt')}</td>
                <td style={cell}>{fmtDay(r.filedAt, '')}</td>
              </tr>
              <tr>
                <td style={cell}>{t('acceptance')}</td>
                <td style={cell} colSpan={3}>
                  {r.acceptanceNote}
                </td>
              </tr>
            </tbody>
          </table>

          <h3>{t('s2')}</h3>
          <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="compare-totals">
            <thead>
              <tr>
                {(['item', 'before', 'after', 'change'] as const).map((k) => (
                  <th key={k} style={cell}>
                    {t(k)}
                    {k === 'item' ? '' : ' (㎡)'}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {totals.map((x) => (
                <tr key={x.key} data-testid={`compare-total-${x.key}`} data-before={x.before} data-after={x.after}>
                  <td style={cell}>{x.label}</td>
                  <td style={num}>{fmtArea(x.before)}</td>
                  <td style={num}>{fmtArea(x.after)}</td>
                  <td style={num}>{diff(x.before, x.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>

          <h3>{t('s3')}</h3>
          <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: 12 }} data-testid="compare-rooms">
            <thead>
              <tr>
                <th style={cell} rowSpan={2}>
                  {tc('floor')}
                </th>
                <th style={cell} colSpan={3}>
                  {t('before')}
                </th>
                <th style={cell} colSpan={3}>
                  {t('after')}
                </th>
                <th style={cell} rowSpan={2}>
                  {t('change')}
                </th>
              </tr>
              <tr>
                {[0, 1].flatMap((i) =>
                  (['number', 'useType', 'area'] as const).map((k) => (
                    <th key={`${i}-${k}`} style={cell}>
                      {tc(k)}
                    </th>
                  )),
                )}
              </tr>
            </thead>
            <tbody>
              {rooms.map(({ rid, before, after }) => {
                const changed =
                  !before ||
                  !after ||
                  before.area !== after.area ||
                  before.number !== after.number ||
                  before.useType !== after.useType ||
                  before.useClass !== after.useClass;
                const bg = changed ? { background: '#fff8e1' } : {};
                return (
                  <tr
                    key={rid}
                    data-testid={`compare-room-${rid}`}
                    data-before={before?.area ?? ''}
                    data-after={after?.area ?? ''}
                    style={bg}
                  >
                    <td style={cell}>{(after ?? before)?.floorName}</td>
                    <td style={cell}>{before?.number ?? <i>{t('added')}</i>}</td>
                    <td style={cell}>{use(before)}</td>
                    <td style={num}>{before ? fmtArea(before.area) : '—'}</td>
                    <td style={cell}>{after?.number ?? <i>{t('deleted')}</i>}</td>
                    <td style={cell}>{use(after)}</td>
                    <td style={num}>{after ? fmtArea(after.area) : '—'}</td>
                    <td style={num}>{diff(before?.area ?? 0, after?.area ?? 0)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>

          <h3>{t('s4')}</h3>
          {names.length ? (
            <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="compare-leaders">
              <thead>
                <tr>
                  <th style={cell} rowSpan={2}>
                    {t('person')}
                  </th>
                  <th style={cell} rowSpan={2}>
                    {t('post')}
                  </th>
                  <th style={cell} rowSpan={2}>
                    {t('std')}
                  </th>
                  <th style={cell} colSpan={2}>
                    {t('before')}
                  </th>
                  <th style={cell} colSpan={2}>
                    {t('after')}
                  </th>
                </tr>
                <tr>
                  {[0, 1].flatMap((i) =>
                    (['number', 'area'] as const).map((k) => (
                      <th key={`${i}-${k}`} style={cell}>
                        {tc(k)}
                      </th>
                    )),
                  )}
                </tr>
              </thead>
              <tbody>
                {names.map((n) => {
                  const lb = b.leaders.find((l) => l.personName === n);
                  const la = a.leaders.find((l) => l.personName === n);
                  const std = (la ?? lb)?.entitledArea ?? null;
                  const over = (x?: { area: number }) => (x && std !== null && x.area > std ? { color: '#c62828' } : {});
                  return (
                    <tr key={n}>
                      <td style={cell}>{n}</td>
                      <td style={cell}>{(la ?? lb)?.post ?? ''}</td>
                      <td style={num}>{fmtArea(std)}</td>
                      <td style={cell}>{lb?.roomNumber ?? '—'}</td>
                      <td style={{ ...num, ...over(lb) }}>{lb ? fmtArea(lb.area) : '—'}</td>
                      <td style={cell}>{la?.roomNumber ?? '—'}</td>
                      <td style={{ ...num, ...over(la) }}>{la ? fmtArea(la.area) : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : (
            <p>{t('none')}</p>
          )}
        </div>
      </PrintLayout>
    </div>
  );
}
