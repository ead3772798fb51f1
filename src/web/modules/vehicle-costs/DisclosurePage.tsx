import { DownloadOutlined } from '@ant-design/icons';
import { Button, Empty, Space, message } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useOwnUnitDefault } from '../../core/org/UnitSelect';
import { LEDGER_CATEGORIES } from '../../../contracts/modules/vehicle-costs';
import { vehicleCostsApi } from '../../../contracts/modules/vehicle-costs.api';
import { download, useApiQuery } from '../../shared/typedApi';
import { defineMessages, useLocale } from '../../shared/i18n';
import { PrintLayout } from '../../shared/ui/PrintLayout';
import { ErrorState, Loading } from '../../shared/ui/states';
import { UnitSelect, fmtKm, vehicleMessages } from '../vehicles';
import { YearSelect, costMessages } from './costs-i18n';
import { formatMoney } from '../../shared/money';
import { ENERGIES, type TEnergy } from '../../../contracts/modules/vehicles';

/** The sheet's energy is a plain string in the contract; only a known one has a label. */
const isEnergy = (e: string): e is TEnergy => (ENERGIES as readonly string[]).includes(e);
import { cnYear, fmtInstant } from '../../shared/dates';

export const disclosureMessages = defineMessages('vehicleCosts.disclosure', {
  pick: { zh: '选择单位和年度', en: 'Choose a unit and a year' },
  pickUnit: { zh: '选择公示单位', en: 'Choose the unit' },
  intro: {
    zh: '根据党政机关公务用车管理有关规定，现将{org}{year}年度公务用车运行维护费用情况公示如下。公示期间如有异议，请向机关事务管理部门反映。',
    en: 'Under the rules on official vehicles, the running and maintenance costs of the official vehicles of {org} in {year} are disclosed below. Objections may be raised with the offices administration during the disclosure period.',
  },
  seq: { zh: '序号', en: 'No.' },
  vehicleType: { zh: '车辆类型', en: 'Vehicle type' },
  model: { zh: '品牌型号', en: 'Make and model' },
  energy: { zh: '能源', en: 'Energy' },
  unitYuan: { zh: '单位：元；里程：公里', en: 'Amounts in CNY; distance in km' },
  totalRow: { zh: '合计（{n} 辆）', en: 'Total ({n} vehicles)' },
  generated: { zh: '生成时间：{t}', en: 'Generated {t}' },
  noRows: { zh: '该单位该年度没有在册车辆', en: 'No vehicles on the register for this unit and year' },
});

/** 公示: the yearly running costs per vehicle of a unit, laid out for A4, signed and sealed on paper; Excel export. */
export function DisclosurePage() {
  const tv = vehicleMessages.useT();
  const t = costMessages.useT();
  const tm = disclosureMessages.useT();
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
  // Opens on the caller's own unit (else the first they see), not on an empty page.
  useOwnUnitDefault(orgId, (id) => set('orgId', id));
  const q = useApiQuery(vehicleCostsApi.disclosure, { query: { year, orgId } }, { enabled: !!orgId });
  const picker = (
    <Space className="hq-no-print" style={{ marginBottom: 12 }} wrap>
      <UnitSelect value={orgId} onChange={(v) => set('orgId', v)} placeholder={tm('pickUnit')} testId="disclosure-unit" />
      <YearSelect value={year} onChange={(y) => set('year', y)} testId="disclosure-year" />
      {orgId ? (
        <Button
          icon={<DownloadOutlined />}
          data-testid="disclosure-export"
          onClick={() => download(vehicleCostsApi.exportDisclosure, { query: { year, orgId } }).catch((e) => message.error(e.message))}
        >
          {t('export')}
        </Button>
      ) : null}
    </Space>
  );
  if (!orgId)
    return (
      <div>
        {picker}
        <Empty description={tm('pick')} />
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
  const cols = LEDGER_CATEGORIES.map((c) => t(`ledger.${c}`));
  return (
    <div>
      {picker}
      <PrintLayout issuer={d.orgName} title={title} docNo={tm('generated', { t: fmtInstant(d.generatedAt) })}>
        <div
          data-testid="disclosure-sheet"
          data-year={d.year}
          data-org={d.orgName}
          data-total={d.totals.total}
          data-vehicles={d.totals.vehicles}
        >
          <p style={{ textIndent: '2em', margin: '0 0 8px' }}>{tm('intro', { org: d.orgName, year: d.year })}</p>
          <div style={{ textAlign: 'right', fontSize: 12 }}>{tm('unitYuan')}</div>
          <div className="vc-sheet-wrap">
            <table className="vc-sheet">
              <thead>
                <tr>
                  <th>{tm('seq')}</th>
                  <th>{tv('plate')}</th>
                  <th>
                    {tm('vehicleType')} / {tm('model')}
                  </th>
                  {cols.map((c) => (
                    <th key={c}>{c}</th>
                  ))}
                  <th>{t('ledger.total')}</th>
                  <th>{t('km')}</th>
                  <th>{t('perKm')}</th>
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
                        {isEnergy(r.energy) ? ` · ${tv(`energy.${r.energy}`)}` : ''}
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
                      {tm('noRows')}
                    </td>
                  </tr>
                )}
              </tbody>
              <tfoot>
                <tr data-testid="disclosure-totals" data-total={d.totals.total}>
                  <td colSpan={3}>{tm('totalRow', { n: d.totals.vehicles })}</td>
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
