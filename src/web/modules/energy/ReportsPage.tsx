import { DownloadOutlined, EditOutlined, PrinterOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Input, InputNumber, Row, Space, Statistic, Table, Tag, message, App } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { REPORT_FIELDS, REPORT_STATUSES } from '../../../contracts/modules/energy';
import { energyApi } from '../../../contracts/modules/energy.api';
import { refdataApi } from '../../../contracts/core/refdata.api';
import type { RouteBody, RouteResponse } from '../../../contracts/route';
import { ApiError } from '../../shared/api';
import { call, download, invalidate, useApiQuery } from '../../shared/typedApi';
import { defineMessages } from '../../shared/i18n';
import { Chart } from '../../shared/ui/Chart';
import { PrintLayout } from '../../shared/ui/PrintLayout';
import { ErrorState, Loading, PageHeader } from '../../shared/ui/states';
import {
  EnergyUnitSelect,
  FlowTag,
  type TReport,
  type TReportTracker,
  type TReportField,
  YearSelect,
  errText,
  fmtNum,
  fmtPct,
  fmtTime,
  thisYear,
  useDefaultUnit,
  useEnergyRights,
  commonMessages,
} from './common';

export const reportMessages = defineMessages('energy.reports', {
  title: { zh: '统计年报', en: 'Annual statistics report' },
  tracker: { zh: '{year} 年度能源资源消费统计报送情况', en: 'Energy and resource statistics for {year}: who has reported' },
  deadline: { zh: '报送截止：{d}', en: 'Due {d}' },
  submitted: { zh: '已报送', en: 'Submitted' },
  notSubmitted: { zh: '未报送', en: 'Not submitted' },
  overdue: { zh: '逾期未报', en: 'Overdue' },
  late: { zh: '逾期报送', en: 'Submitted late' },
  submittedAt: { zh: '报送时间', en: 'Submitted' },
  open: { zh: '填报', en: 'Fill in' },
  view: { zh: '查看', en: 'View' },
  formTitle: { zh: '{org} · {year} 年度能源资源消费统计', en: '{org} · energy and resource statistics {year}' },
  field: { zh: '指标', en: 'Item' },
  code: { zh: '代码', en: 'Code' },
  prefill: { zh: '读数汇总值', en: 'From readings' },
  value: { zh: '填报值', en: 'Reported' },
  reason: { zh: '差异说明', en: 'Reason for the difference' },
  reasonNeeded: { zh: '与读数汇总值不同，请说明原因', en: 'Differs from the readings: give the reason' },
  lastYear: { zh: '上年', en: 'Last year' },
  change: { zh: '增减', en: 'Change' },
  derived: { zh: '折算指标（随填报值即时计算）', en: 'Derived indicators (follow the values as you type)' },
  derivedSaved: { zh: '折算指标（保存后更新）', en: 'Derived indicators (updated when saved)' },
  kgce: { zh: '综合能耗(kgce)', en: 'Energy (kgce)' },
  save: { zh: '保存草稿', en: 'Save draft' },
  saved: { zh: '已保存', en: 'Saved' },
  submit: { zh: '提交审批', en: 'Submit for approval' },
  submitConfirm: {
    zh: '提交 {year} 年度统计年报？提交后不能修改，经审批通过即为报送完成。',
    en: 'Submit the {year} report? It cannot be changed afterwards; once approved it counts as reported.',
  },
  submittedOk: { zh: '已提交审批', en: 'Submitted for approval' },
  readonly: { zh: '年报已提交，当前状态：', en: 'The report has been submitted. Status: ' },
  approval: { zh: '查看审批', en: 'View approval' },
  export: { zh: '导出 Excel（国家报表格式）', en: 'Export to Excel (national form)' },
  print: { zh: '打印视图', en: 'Print view' },
  back: { zh: '返回', en: 'Back' },
  lateTag: { zh: '逾期', en: 'Late' },
  printTitle: { zh: '公共机构能源资源消费统计表', en: 'Energy and resource consumption of a public institution' },
  printSub: { zh: '（{year} 年度）', en: '({year})' },
  printOrg: { zh: '填报单位（盖章）：{org}', en: 'Institution (seal): {org}' },
  printCredit: { zh: '统一社会信用代码：{code}', en: 'Unified social credit code: {code}' },
  printUnit: { zh: '计量单位', en: 'Unit' },
  printThis: { zh: '本年', en: 'This year' },
  printLast: { zh: '上年', en: 'Last year' },
  reasonsTitle: { zh: '与读数汇总值的差异说明', en: 'Differences from the readings, explained' },
  noReasons: { zh: '无', en: 'None' },
  byStatus: { zh: '报送状态', en: 'Status' },
  backToTracker: { zh: '报送情况', en: 'Tracker' },
  fix: { zh: '请为改动的数值填写原因：{fields}', en: 'Give the reason for each changed value: {fields}' },
});

const SUBMITTED = ['pending', 'approved'];
const EDITABLE = ['not_started', 'draft', 'returned', 'withdrawn'];
/** The units of measure of the national form's fields, keyed by field; and the punctuation between listed items. */
const reportFormMessages = defineMessages('energy.reportForm', {
  buildingArea: { zh: '平方米', en: '㎡' },
  headcount: { zh: '人', en: 'persons' },
  electricity: { zh: '千瓦时', en: 'kWh' },
  water: { zh: '立方米', en: 'm³' },
  naturalGas: { zh: '立方米', en: 'm³' },
  heat: { zh: '百万千焦', en: 'GJ' },
  gasoline: { zh: '升', en: 'L' },
  diesel: { zh: '升', en: 'L' },
  lpg: { zh: '千克', en: 'kg' },
  coal: { zh: '千克', en: 'kg' },
  otherFuelKgce: { zh: '千克标准煤', en: 'kgce' },
  pvGeneration: { zh: '千瓦时', en: 'kWh' },
  vehicles: { zh: '辆', en: 'vehicles' },
  newEnergyVehicles: { zh: '辆', en: 'vehicles' },
  energyCost: { zh: '元', en: 'CNY' },
  listSep: { zh: '、', en: ', ' },
  colon: { zh: '：', en: ': ' },
});
const code = (f: TReportField) => String(REPORT_FIELDS.indexOf(f) + 1).padStart(2, '0');

/** 统计年报: the tracker of a year — every unit's status, who is late or has not reported by 31 March. */
export function ReportsTrackerPage() {
  const t = reportMessages.useT();
  const tc = commonMessages.useT();
  const nav = useNavigate();
  const defaultUnit = useDefaultUnit();
  const rights = useEnergyRights();
  const [year, setYear] = useState(thisYear() - 1);
  const [orgId, setOrgId] = useState<number | undefined>(defaultUnit);
  const q = useApiQuery(energyApi.reportTracker, { query: { year, orgId } });
  const d = q.data;
  const submitted = d ? d.items.filter((i) => SUBMITTED.includes(i.status)).length : 0;
  const overdue = d ? d.items.filter((i) => i.overdue).length : 0;
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0, type: 'scroll' },
      series: [
        {
          type: 'pie',
          radius: ['40%', '68%'],
          center: ['50%', '42%'],
          data: REPORT_STATUSES.filter((s) => d?.counts[s]).map((s) => ({ name: tc(`rs.${s}`), value: d?.counts[s] ?? 0 })),
        },
      ],
    }),
    [d, tc],
  );
  return (
    <div className="eg-page" data-testid="report-tracker">
      <PageHeader
        title={t('title')}
        extra={
          <Space wrap>
            <YearSelect
              value={year}
              onChange={setYear}
              testId="tracker-year"
              years={[thisYear() - 1, thisYear() - 2, thisYear() - 3, thisYear() - 4]}
            />
            <EnergyUnitSelect allowClear value={orgId} onChange={setOrgId} placeholder={tc('allUnits')} />
            <Button
              icon={<DownloadOutlined />}
              onClick={() => download(energyApi.exportReportTracker, { query: { year, orgId } }).catch((e) => message.error(e.message))}
            >
              {tc('export')}
            </Button>
          </Space>
        }
      />
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : !d ? (
        <Loading />
      ) : (
        <>
          <div style={{ marginBottom: 8, color: '#888' }}>{t('tracker', { year: d.year })}</div>
          <Row gutter={[12, 12]}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('submitted')} value={submitted} suffix={`/ ${d.items.length}`} data-testid="tracker-submitted" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('overdue')}
                  value={overdue}
                  styles={{ content: overdue ? { color: '#cf1322' } : undefined }}
                  data-testid="tracker-overdue"
                />
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card size="small">
                <Statistic title={t('deadline', { d: '' })} value={d.deadline} />
              </Card>
            </Col>
          </Row>
          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            <Col xs={24} xl={16}>
              <Table
                size="small"
                rowKey="orgId"
                data-testid="tracker-table"
                dataSource={d.items}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                scroll={{ x: 'max-content' }}
                rowClassName={(i) => (i.overdue ? 'eg-bad-row' : '')}
                onRow={(i) =>
                  ({ 'data-testid': `tracker-row-${i.orgId}`, 'data-status': i.status, 'data-overdue': String(i.overdue) }) as never
                }
                columns={[
                  { title: tc('unit'), dataIndex: 'orgName' },
                  {
                    title: tc('status'),
                    dataIndex: 'status',
                    sorter: (a, b) => REPORT_STATUSES.indexOf(a.status) - REPORT_STATUSES.indexOf(b.status),
                    render: (v: TReportTracker['items'][number]['status'], i) => (
                      <Space size={4}>
                        <FlowTag status={v} prefix="rs" />
                        {i.overdue ? <Tag color="red">{t('overdue')}</Tag> : i.late ? <Tag color="orange">{t('late')}</Tag> : null}
                      </Space>
                    ),
                  },
                  { title: t('submittedAt'), dataIndex: 'submittedAt', render: fmtTime },
                  {
                    title: '',
                    key: 'op',
                    render: (_, i) => (
                      <Link to={`/energy/reports/${i.orgId}/${d.year}`} data-testid={`tracker-open-${i.orgId}`}>
                        {rights.report && EDITABLE.includes(i.status) ? t('open') : t('view')}
                      </Link>
                    ),
                  },
                ]}
              />
            </Col>
            <Col xs={24} xl={8}>
              <Card size="small" title={t('byStatus')}>
                <Chart option={option} height={260} />
              </Card>
              {rights.report && rights.me ? (
                <Button
                  type="primary"
                  block
                  style={{ marginTop: 12 }}
                  icon={<EditOutlined />}
                  onClick={() => nav(`/energy/reports/${defaultUnit ?? rights.me!.orgId}/${d.year}`)}
                  data-testid="tracker-mine"
                >
                  {t('open')}
                </Button>
              ) : null}
            </Col>
          </Row>
        </>
      )}
    </div>
  );
}

/** Notifications link to a report by its id: find its unit and year, then open the form. */
export function ReportByIdPage() {
  const { id } = useParams();
  const q = useApiQuery(energyApi.reportById, { params: { id: Number(id) } });
  if (q.error) return <ErrorState error={q.error} />;
  if (!q.data) return <Loading />;
  return <Navigate to={`/energy/reports/${q.data.orgId}/${q.data.year}`} replace />;
}

type Values = Record<TReportField, number | null>;
type Derived = TReport['derived'];

/**
 * kgce per unit of each report field, from the coefficient table in force at the year's end and
 * the electricity scheme; null when the reader cannot see the rules (then the server's figures show).
 */
function useCoefficients(year: number) {
  return useQuery({
    queryKey: ['eg-report-coefficients', year],
    retry: false,
    staleTime: 300_000,
    queryFn: async () => {
      type Rule = RouteResponse<typeof refdataApi.ruleVersions>['items'][number];
      const inForce = (items: Rule[]) =>
        [...items]
          .filter((r) => r.effectiveFrom <= `${year}-12-31`)
          .sort((a, b) =>
            a.effectiveFrom === b.effectiveFrom ? b.version - a.version : b.effectiveFrom.localeCompare(a.effectiveFrom),
          )[0] ?? [...items].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))[0];
      const [coal, params] = await Promise.all([
        call(refdataApi.ruleVersions, { params: { name: 'coal_coefficients' } }),
        call(refdataApi.ruleVersions, { params: { name: 'energy_rules' } }),
      ]);
      const c = inForce(coal.items)?.data as
        | { kgcePer: Record<string, number>; electricityEqualValue?: { kgcePerKWh: number }; densityKgPerL?: Record<string, number> }
        | undefined;
      const p = inForce(params.items)?.data as { electricityScheme?: string } | undefined;
      if (!c?.kgcePer) return null;
      const k = c.kgcePer;
      const dens = c.densityKgPerL ?? {};
      const coef: Partial<Record<TReportField, number>> = {
        electricity: p?.electricityScheme === 'equal_value' ? (c.electricityEqualValue?.kgcePerKWh ?? 0) : (k.electricity_kWh ?? 0),
        naturalGas: k.natural_gas_m3 ?? 0,
        heat: (k.heat_MJ ?? 0) * 1000,
        gasoline: (k.gasoline_kg ?? 0) * (dens.gasoline ?? 0),
        diesel: (k.diesel_kg ?? 0) * (dens.diesel ?? 0),
        lpg: k.lpg_kg ?? 0,
        coal: k.raw_coal_kg ?? 0,
        otherFuelKgce: 1,
      };
      return coef;
    },
  });
}

/**
 * The derived figures of the values being typed: the server's figures for the saved values,
 * moved by each changed field × its coefficient (so they match the server exactly at rest).
 */
function liveDerived(report: TReport, values: Values, coef: Partial<Record<TReportField, number>> | null | undefined): Derived | null {
  if (!coef) return null;
  const v = (f: TReportField) => values[f] ?? 0;
  let kgce = report.derived.kgce;
  for (const [f, c] of Object.entries(coef) as [TReportField, number][]) kgce += c * (v(f) - report.values[f]);
  kgce = Math.round(kgce * 100) / 100;
  const per = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 100) / 100 : null);
  return {
    kgce,
    kgcePerCapita: per(kgce, v('headcount')),
    kgcePerSqm: per(kgce, v('buildingArea')),
    waterPerCapita: per(v('water'), v('headcount')),
  };
}

const near = (a: number | null | undefined, b: number | null | undefined) =>
  a !== null && a !== undefined && b !== null && b !== undefined && Math.abs(a - b) < 0.005;

/** The annual report form: each field beside what the readings give, reasons for differences, live derived figures, draft, submit, export, print. */
export function ReportFormPage() {
  // The context-aware confirm (the App's): it follows the page's language and theme, unlike the static Modal.confirm.
  const { modal } = App.useApp();
  const t = reportMessages.useT();
  const tc = commonMessages.useT();
  const qc = useQueryClient();
  const rights = useEnergyRights();
  const formT = reportFormMessages.useT();
  const params = useParams();
  const [search, setSearch] = useSearchParams();
  const orgId = Number(params.orgId);
  const year = Number(params.year);
  const printing = search.get('print') === '1';
  const q = useApiQuery(energyApi.report, { params: { orgId, year } });
  const coef = useCoefficients(year);
  const [values, setValues] = useState<Values | null>(null);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState<Set<string>>(new Set());
  const r = q.data;
  useEffect(() => {
    if (!r) return;
    setValues({ ...r.values });
    setReasons({ ...r.reasons });
    setMissing(new Set());
  }, [r]);
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (!r || !values) return <Loading />;
  const editable = rights.report && EDITABLE.includes(r.status);
  const changed = REPORT_FIELDS.filter((f) => !near(values[f], r.prefill[f]));
  const needReason = changed.filter((f) => !reasons[f]?.trim());
  const derived = (editable ? liveDerived(r, values, coef.data) : null) ?? r.derived;
  const isLive = editable && !!coef.data;

  const body = (): RouteBody<typeof energyApi.saveReport> => ({
    values: Object.fromEntries(REPORT_FIELDS.map((f) => [f, values[f] ?? 0])) as Record<TReportField, number>,
    reasons: Object.fromEntries(changed.map((f) => [f, reasons[f]?.trim() ?? ''])),
  });
  const check = () => {
    if (!needReason.length) return true;
    setMissing(new Set(needReason));
    setError(t('fix', { fields: needReason.map((f) => tc(`rf.${f}`)).join(formT('listSep')) }));
    return false;
  };
  const fail = (e: unknown) => {
    const field = e instanceof ApiError ? (e.details as { field?: string } | undefined)?.field : undefined;
    if (field) setMissing(new Set([field]));
    setError(errText(e));
  };
  const save = async () => {
    setError(null);
    if (!check()) return;
    setBusy('save');
    try {
      await call(energyApi.saveReport, { params: { orgId, year }, body: body() });
      message.success(t('saved'));
      await invalidate(qc, [energyApi.report]);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };
  const submit = () => {
    setError(null);
    if (!check()) return;
    modal.confirm({
      title: t('submitConfirm', { year }),
      okButtonProps: { 'data-testid': 'report-submit-ok' } as never,
      onOk: async () => {
        setBusy('submit');
        try {
          await call(energyApi.saveReport, { params: { orgId, year }, body: body() });
          await call(energyApi.submitReport, { params: { orgId, year }, body: {} });
          message.success(t('submittedOk'));
          await invalidate(qc, [energyApi.reportTracker, energyApi.report]);
        } catch (e) {
          fail(e);
        } finally {
          setBusy(null);
        }
      },
    });
  };

  if (printing) return <ReportPrint report={r} onBack={() => setSearch({}, { replace: true })} />;

  const rows = REPORT_FIELDS.map((f) => ({ field: f }));
  return (
    <div className="eg-page" data-testid="report-form" data-status={r.status} data-org={r.orgId} data-year={r.year}>
      <PageHeader
        title={t('formTitle', { org: r.orgName, year: r.year })}
        extra={
          <Space wrap>
            <Link to="/energy/reports">{t('backToTracker')}</Link>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => download(energyApi.exportReport, { params: { orgId, year } }).catch((e) => message.error(e.message))}
              data-testid="report-export"
            >
              {t('export')}
            </Button>
            <Button icon={<PrinterOutlined />} onClick={() => setSearch({ print: '1' })} data-testid="report-print">
              {t('print')}
            </Button>
          </Space>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <FlowTag status={r.status} prefix="rs" />
        <span data-testid="report-status" data-status={r.status} style={{ color: '#888' }}>
          {t('deadline', { d: r.deadline })}
        </span>
        {r.late ? <Tag color="orange">{t('lateTag')}</Tag> : null}
        {r.submittedAt ? <span style={{ color: '#888' }}>{`${t('submittedAt')} ${fmtTime(r.submittedAt)}`}</span> : null}
        {r.instanceId ? (
          <Link to={`/approvals/${r.instanceId}`} data-testid="report-approval">
            {t('approval')}
          </Link>
        ) : null}
      </Space>
      {!editable && SUBMITTED.includes(r.status) ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            <span>
              {t('readonly')}
              {tc(`rs.${r.status}`)}
            </span>
          }
        />
      ) : null}
      {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} data-testid="report-error" /> : null}
      <Card size="small" title={isLive ? t('derived') : t('derivedSaved')} style={{ marginBottom: 12 }}>
        <div className="eg-derived" data-testid="report-derived">
          {(['kgce', 'kgcePerCapita', 'kgcePerSqm', 'waterPerCapita'] as const).map((k) => (
            <Statistic
              key={k}
              title={k === 'kgce' ? t('kgce') : tc(`ind.${k}`)}
              value={fmtNum(derived[k])}
              data-testid={`report-derived-${k}`}
              data-value={derived[k] ?? ''}
            />
          ))}
        </div>
      </Card>
      <Table
        size="small"
        className="eg-report-table"
        rowKey="field"
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(x) => ({ 'data-testid': `report-row-${x.field}`, 'data-changed': String(changed.includes(x.field)) }) as never}
        columns={[
          { title: t('code'), key: 'code', width: 50, className: 'eg-hide-phone', render: (_, x) => code(x.field) },
          { title: t('field'), key: 'label', render: (_, x) => tc(`rf.${x.field}`) },
          {
            title: t('prefill'),
            key: 'prefill',
            align: 'right',
            render: (_, x) => (
              <span data-testid={`report-prefill-${x.field}`} data-value={r.prefill[x.field]}>
                {fmtNum(r.prefill[x.field])}
              </span>
            ),
          },
          {
            title: t('value'),
            key: 'value',
            render: (_, x) =>
              editable ? (
                <InputNumber
                  min={0}
                  max={1e12}
                  value={values[x.field]}
                  onChange={(v) => setValues((s) => ({ ...s!, [x.field]: v === null ? null : Number(v) }))}
                  style={{ width: 130 }}
                  status={changed.includes(x.field) ? 'warning' : undefined}
                  data-testid={`report-value-${x.field}`}
                />
              ) : (
                <b data-testid={`report-value-${x.field}`} data-value={r.values[x.field]}>
                  {fmtNum(r.values[x.field])}
                </b>
              ),
          },
          {
            title: t('reason'),
            key: 'reason',
            render: (_, x) =>
              changed.includes(x.field) ? (
                editable ? (
                  <div style={{ minWidth: 220 }}>
                    <Input
                      value={reasons[x.field] ?? ''}
                      maxLength={500}
                      onChange={(e) => {
                        const v = e.target.value;
                        setReasons((s) => ({ ...s, [x.field]: v }));
                        if (v.trim())
                          setMissing((m) => {
                            const n = new Set(m);
                            n.delete(x.field);
                            return n;
                          });
                      }}
                      status={missing.has(x.field) ? 'error' : undefined}
                      placeholder={t('reasonNeeded')}
                      data-testid={`report-reason-${x.field}`}
                      data-required="true"
                    />
                    {missing.has(x.field) ? (
                      <div className="eg-hint eg-hint-bad" data-testid={`report-reason-missing-${x.field}`}>
                        {t('reasonNeeded')}
                      </div>
                    ) : null}
                  </div>
                ) : (
                  <span>{r.reasons[x.field] ?? ''}</span>
                )
              ) : null,
          },
          {
            title: t('lastYear'),
            key: 'last',
            align: 'right',
            render: (_, x) => fmtNum(r.lastYear?.[x.field]),
          },
          {
            title: t('change'),
            key: 'change',
            align: 'right',
            render: (_, x) => {
              const last = r.lastYear?.[x.field];
              const cur = values[x.field];
              if (!last || cur === null) return '—';
              const c = cur / last - 1;
              return <span className={c > 0 ? 'eg-up' : c < 0 ? 'eg-down' : undefined}>{fmtPct(c)}</span>;
            },
          },
        ]}
      />
      {editable ? (
        <Space wrap style={{ marginTop: 12 }}>
          <Button icon={<SaveOutlined />} loading={busy === 'save'} onClick={save} data-testid="report-save">
            {t('save')}
          </Button>
          <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} onClick={submit} data-testid="report-submit">
            {t('submit')}
          </Button>
        </Space>
      ) : null}
    </div>
  );
}

/** The report in the national form's layout, for signature and seal (A4). */
function ReportPrint({ report: r, onBack }: { report: TReport; onBack: () => void }) {
  const t = reportMessages.useT();
  const tc = commonMessages.useT();
  const formT = reportFormMessages.useT();
  const reasons = REPORT_FIELDS.filter((f) => r.reasons[f]);
  return (
    <div data-testid="report-print-view">
      <Button className="hq-no-print" onClick={onBack} style={{ marginBottom: 8 }}>
        ← {t('back')}
      </Button>
      <PrintLayout issuer={r.orgName} title={`${t('printTitle')}${t('printSub', { year: r.year })}`}>
        <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', fontSize: 14 }}>
          <span>{t('printOrg', { org: r.orgName })}</span>
          <span>{t('printCredit', { code: r.creditCode ?? '' })}</span>
        </div>
        <table className="eg-form-table" data-testid="report-print-table">
          <thead>
            <tr>
              <th>{t('field')}</th>
              <th>{t('code')}</th>
              <th>{t('printUnit')}</th>
              <th>{t('printThis')}</th>
              <th>{t('printLast')}</th>
              <th>{t('change')}</th>
            </tr>
          </thead>
          <tbody>
            {REPORT_FIELDS.map((f) => {
              const last = r.lastYear?.[f];
              return (
                <tr key={f} data-testid={`report-print-${f}`} data-value={r.values[f]}>
                  <td>{tc(`rf.${f}`).replace(/\(.*\)$/, '')}</td>
                  <td className="num">{code(f)}</td>
                  <td>{formT(f)}</td>
                  <td className="num">{fmtNum(r.values[f])}</td>
                  <td className="num">{fmtNum(last)}</td>
                  <td className="num">{last ? fmtPct(r.values[f] / last - 1) : '—'}</td>
                </tr>
              );
            })}
            <tr>
              <td colSpan={3}>{t('kgce')}</td>
              <td className="num">{fmtNum(r.derived.kgce)}</td>
              <td colSpan={2} />
            </tr>
            <tr>
              <td colSpan={3}>{tc('ind.kgcePerCapita')}</td>
              <td className="num">{fmtNum(r.derived.kgcePerCapita)}</td>
              <td colSpan={2} />
            </tr>
            <tr>
              <td colSpan={3}>{tc('ind.kgcePerSqm')}</td>
              <td className="num">{fmtNum(r.derived.kgcePerSqm)}</td>
              <td colSpan={2} />
            </tr>
            <tr>
              <td colSpan={3}>{tc('ind.waterPerCapita')}</td>
              <td className="num">{fmtNum(r.derived.waterPerCapita)}</td>
              <td colSpan={2} />
            </tr>
          </tbody>
        </table>
        <p style={{ marginTop: 12, marginBottom: 0, fontWeight: 600 }}>{t('reasonsTitle')}</p>
        {reasons.length ? (
          <ol style={{ marginTop: 0 }}>
            {reasons.map((f) => (
              <li key={f}>
                {tc(`rf.${f}`)}
                {formT('colon')}
                {r.reasons[f]}
              </li>
            ))}
          </ol>
        ) : (
          <p style={{ marginTop: 0 }}>{t('noReasons')}</p>
        )}
      </PrintLayout>
    </div>
  );
}
