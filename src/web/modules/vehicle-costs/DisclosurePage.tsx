import { DownloadOutlined } from '@ant-design/icons';
import { Button, Empty, Space, message } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { LEDGER_CATEGORIES } from '../../../contracts/modules/vehicle-costs';
import { vehicleCostsApi } from '../../../contracts/modules/vehicle-costs.api';
import { download, useApiQuery } from '../../shared/typedApi';
import { defineMessages, useLocale, useT } from '../../shared/i18n';
import { PrintLayout } from '../../shared/ui/PrintLayout';
import { ErrorState, Loading } from '../../shared/ui/states';
import { UnitSelect, fmtKm } from '../vehicles';
import { YearSelect } from './costs-i18n';
import { formatMoney } from '../../shared/money';
import { cnYear } from '../../shared/dates';

defineMessages(
  {
    'vcd.pick': '选择单位和年度',
    'vcd.pickUnit': '选择公示单位',
    'vcd.intro':
      '根据党政机关公务用车管理有关规定，现将{org}{year}年度公务用车运行维护费用情况公示如下。公示期间如有异议，请向机关事务管理部门反映。',
    'vcd.seq': '序号',
    'vcd.vehicleType': '车辆类型',
    'vcd.model': '品牌型号',
    'vcd.energy': '能源',
    'vcd.unitYuan': '单位：元；里程：公里',
    'vcd.totalRow': '合计（{n} 辆）',
    'vcd.generated': '生成时间：{t}',
    'vcd.noRows': '该单位该年度没有在册车辆',
  },
  {
    'vcd.pick': 'Choose a unit and a year',
    'vcd.pickUnit': 'Choose the unit',
    'vcd.intro':
      'Under the rules on official vehicles, the running and maintenance costs of the official vehicles of {org} in {year} are disclosed below. Objections may be raised with the offices administration during the disclosure period.',
    'vcd.seq': 'No.',
    'vcd.vehicleType': 'Vehicle type',
    'vcd.model': 'Make and model',
    'vcd.energy': 'Energy',
    'vcd.unitYuan': 'Amounts in CNY; distance in km',
    'vcd.totalRow': 'Total ({n} vehicles)',
    'vcd.generated': 'Generated {t}',
    'vcd.noRows': 'No vehicles on the register for this unit and year',
  },
);

/** 公示: the yearly running costs per vehicle of a unit, laid out for A4, signed and sealed on paper; Excel export. */
export function DisclosurePage() {
  const t = useT();
  const { locale } = useLocale();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || cnYear();
  const orgId = params.get('orgId') ? Number(params.get('orgId')) : undefined;
  const set = (k: string, v?: number) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, String(v));
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const q = useApiQuery(vehicleCostsApi.disclosure, { query: { year, orgId } }, { enabled: !!orgId });
  const picker = (
    <Space className="hq-no-print" style={{ marginBottom: 12 }} wrap>
      <UnitSelect value={orgId} onChange={(v) => set('orgId', v)} placeholder={t('vcd.pickUnit')} testId="disclosure-unit" />
      <YearSelect value={year} onChange={(y) => set('year', y)} testId="disclosure-year" />
      {orgId ? (
        <Button
          icon={<DownloadOutlined />}
          data-testid="disclosure-export"
          onClick={() => download(vehicleCostsApi.exportDisclosure, { query: { year, orgId } }).catch((e) => message.error(e.message))}
        >
          {t('vc.export')}
        </Button>
      ) : null}
    </Space>
  );
  if (!orgId)
    return (
      <div>
        {picker}
        <Empty description={t('vcd.pick')} />
      </div>
    );
  if (q.error)
    return (
      <div>
        {picker}
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      </div>
    );
  if (!q.data)
    return (
      <div>
        {picker}
        <Loading />
      </div>
    );
  const d = q.data;
  const title = locale === 'en' ? d.titleEn : d.titleZh;
  const cols = LEDGER_CATEGORIES.map((c) => t(`lc.${c}`));
  return (
    <div>
      {picker}
      <PrintLayout issuer={d.orgName} title={title} docNo={t('vcd.generated', { t: dayjs(d.generatedAt).format('YYYY-MM-DD HH:mm') })}>
        <div
          data-testid="disclosure-sheet"
          data-year={d.year}
          data-org={d.orgName}
          data-total={d.totals.total}
          data-vehicles={d.totals.vehicles}
        >
          <p style={{ textIndent: '2em', margin: '0 0 8px' }}>{t('vcd.intro', { org: d.orgName, year: d.year })}</p>
          <div style={{ textAlign: 'right', fontSize: 12 }}>{t('vcd.unitYuan')}</div>
          <div className="vc-sheet-wrap">
            <table className="vc-sheet">
              <thead>
                <tr>
                  <th>{t('vcd.seq')}</th>
                  <th>{t('vh.plate')}</th>
                  <th>
                    {t('vcd.vehicleType')} / {t('vcd.model')}
                  </th>
                  {cols.map((c) => (
                    <th key={c}>{c}</th>
                  ))}
                  <th>{t('lc.total')}</th>
                  <th>{t('vc.km')}</th>
                  <th>{t('vc.perKm')}</th>
                </tr>
              </thead>
              <tbody>
                {d.rows.length ? (
                  d.rows.map((r) => (
                    <tr key={r.seq} data-testid={`disclosure-row-${r.seq}`} data-plate={r.plate} data-total={r.total} data-km={r.km}>
                      <td className="num">{r.seq}</td>
                      <td style={{ whiteSpace: 'nowrap' }}>{r.plate}</td>
                      <td>
                        {r.vehicleType}
                        <br />
                        {r.model}
                        {r.energy ? ` · ${t(`en.${r.energy}`)}` : ''}
                      </td>
                      {LEDGER_CATEGORIES.map((c) => (
                        <td key={c} className="num">
                          {formatMoney(r[c])}
                        </td>
                      ))}
                      <td className="num" data-testid={`disclosure-total-${r.seq}`}>
                        <b>{formatMoney(r.total)}</b>
                      </td>
                      <td className="num">{fmtKm(r.km)}</td>
                      <td className="num">{formatMoney(r.costPerKm)}</td>
                    </tr>
                  ))
                ) : (
                  <tr>
                    <td colSpan={12} style={{ textAlign: 'center' }}>
                      {t('vcd.noRows')}
                    </td>
                  </tr>
                )}
              </tbody>
              <tfoot>
                <tr data-testid="disclosure-totals" data-total={d.totals.total}>
                  <td colSpan={3}>{t('vcd.totalRow', { n: d.totals.vehicles })}</td>
                  {LEDGER_CATEGORIES.map((c) => (
                    <td key={c} className="num">
                      {formatMoney(d.totals[c])}
                    </td>
                  ))}
                  <td className="num">{formatMoney(d.totals.total)}</td>
                  <td className="num">{fmtKm(d.totals.km)}</td>
                  <td className="num">{formatMoney(d.totals.costPerKm)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </div>
      </PrintLayout>
    </div>
  );
}
