import { DownloadOutlined, EditOutlined, PrinterOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Input, InputNumber, Modal, Row, Space, Statistic, Table, Tag, message } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { REPORT_FIELDS, REPORT_STATUSES } from '../../../contracts/modules/energy';
import { energyApi } from '../../../contracts/modules/energy.api';
import type { RouteBody } from '../../../contracts/route';
import { ApiError, api } from '../../shared/api';
import { call, download, invalidate, useApiQuery } from '../../shared/typedApi';
import { defineMessages, useT } from '../../shared/i18n';
import { Chart } from '../../shared/ui/Chart';
import { PrintLayout } from '../../shared/ui/PrintLayout';
import { ErrorState, Loading, PageHeader } from '../../shared/ui/states';
import {
  EnergyUnitSelect,
  FlowTag,
  type TReport,
  type TReportField,
  YearSelect,
  errText,
  fmtNum,
  fmtPct,
  fmtTime,
  thisYear,
  useDefaultUnit,
  useEnergyRights,
} from './common';

defineMessages(
  {
    'erp.title': '统计年报',
    'erp.tracker': '{year} 年度能源资源消费统计报送情况',
    'erp.deadline': '报送截止：{d}',
    'erp.submitted': '已报送',
    'erp.notSubmitted': '未报送',
    'erp.overdue': '逾期未报',
    'erp.late': '逾期报送',
    'erp.submittedAt': '报送时间',
    'erp.open': '填报',
    'erp.view': '查看',
    'erp.formTitle': '{org} · {year} 年度能源资源消费统计',
    'erp.field': '指标',
    'erp.code': '代码',
    'erp.prefill': '读数汇总值',
    'erp.value': '填报值',
    'erp.reason': '差异说明',
    'erp.reasonNeeded': '与读数汇总值不同，请说明原因',
    'erp.lastYear': '上年',
    'erp.change': '增减',
    'erp.derived': '折算指标（随填报值即时计算）',
    'erp.derivedSaved': '折算指标（保存后更新）',
    'erp.kgce': '综合能耗(kgce)',
    'erp.save': '保存草稿',
    'erp.saved': '已保存',
    'erp.submit': '提交审批',
    'erp.submitConfirm': '提交 {year} 年度统计年报？提交后不能修改，经审批通过即为报送完成。',
    'erp.submittedOk': '已提交审批',
    'erp.readonly': '年报已提交，当前状态：',
    'erp.approval': '查看审批',
    'erp.export': '导出 Excel（国家报表格式）',
    'erp.print': '打印视图',
    'erp.back': '返回',
    'erp.lateTag': '逾期',
    'erp.printTitle': '公共机构能源资源消费统计表',
    'erp.printSub': '（{year} 年度）',
    'erp.printOrg': '填报单位（盖章）：{org}',
    'erp.printCredit': '统一社会信用代码：{code}',
    'erp.printUnit': '计量单位',
    'erp.printThis': '本年',
    'erp.printLast': '上年',
    'erp.reasonsTitle': '与读数汇总值的差异说明',
    'erp.noReasons': '无',
    'erp.byStatus': '报送状态',
    'erp.backToTracker': '报送情况',
    'erp.fix': '请为改动的数值填写原因：{fields}',
  },
  {
    'erp.title': 'Annual statistics report',
    'erp.tracker': 'Energy and resource statistics for {year}: who has reported',
    'erp.deadline': 'Due {d}',
    'erp.submitted': 'Submitted',
    'erp.notSubmitted': 'Not submitted',
    'erp.overdue': 'Overdue',
    'erp.late': 'Submitted late',
    'erp.submittedAt': 'Submitted',
    'erp.open': 'Fill in',
    'erp.view': 'View',
    'erp.formTitle': '{org} · energy and resource statistics {year}',
    'erp.field': 'Item',
    'erp.code': 'Code',
    'erp.prefill': 'From readings',
    'erp.value': 'Reported',
    'erp.reason': 'Reason for the difference',
    'erp.reasonNeeded': 'Differs from the readings: give the reason',
    'erp.lastYear': 'Last year',
    'erp.change': 'Change',
    'erp.derived': 'Derived indicators (follow the values as you type)',
    'erp.derivedSaved': 'Derived indicators (updated when saved)',
    'erp.kgce': 'Energy (kgce)',
    'erp.save': 'Save draft',
    'erp.saved': 'Saved',
    'erp.submit': 'Submit for approval',
    'erp.submitConfirm': 'Submit the {year} report? It cannot be changed afterwards; once approved it counts as reported.',
    'erp.submittedOk': 'Submitted for approval',
    'erp.readonly': 'The report has been submitted. Status: ',
    'erp.approval': 'View approval',
    'erp.export': 'Export to Excel (national form)',
    'erp.print': 'Print view',
    'erp.back': 'Back',
    'erp.lateTag': 'Late',
    'erp.printTitle': 'Energy and resource consumption of a public institution',
    'erp.printSub': '({year})',
    'erp.printOrg': 'Institution (seal): {org}',
    'erp.printCredit': 'Unified social credit code: {code}',
    'erp.printUnit': 'Unit',
    'erp.printThis': 'This year',
    'erp.printLast': 'Last year',
    'erp.reasonsTitle': 'Differences from the readings, explained',
    'erp.noReasons': 'None',
    'erp.byStatus': 'Status',
    'erp.backToTracker': 'Tracker',
    'erp.fix': 'Give the reason for each changed value: {fields}',
  },
);

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
  const t = useT();
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
          data: REPORT_STATUSES.filter((s) => d?.counts[s]).map((s) => ({ name: t(`eg.rs.${s}`), value: d?.counts[s] ?? 0 })),
        },
      ],
    }),
    [d, t],
  );
  return (
    <div className="eg-page" data-testid="report-tracker">
      <PageHeader
        title={t('erp.title')}
        extra={
          <Space wrap>
            <YearSelect
              value={year}
              onChange={setYear}
              testId="tracker-year"
              years={[thisYear() - 1, thisYear() - 2, thisYear() - 3, thisYear() - 4]}
            />
            <EnergyUnitSelect allowClear value={orgId} onChange={setOrgId} placeholder={t('eg.allUnits')} />
            <Button
              icon={<DownloadOutlined />}
              onClick={() => download(energyApi.exportReportTracker, { query: { year, orgId } }).catch((e) => message.error(e.message))}
            >
              {t('eg.export')}
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
          <div style={{ marginBottom: 8, color: '#888' }}>{t('erp.tracker', { year: d.year })}</div>
          <Row gutter={[12, 12]}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('erp.submitted')} value={submitted} suffix={`/ ${d.items.length}`} data-testid="tracker-submitted" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('erp.overdue')}
                  value={overdue}
                  styles={{ content: overdue ? { color: '#cf1322' } : undefined }}
                  data-testid="tracker-overdue"
                />
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card size="small">
                <Statistic title={t('erp.deadline', { d: '' })} value={d.deadline} />
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
                  { title: t('eg.unit'), dataIndex: 'orgName' },
                  {
                    title: t('eg.status'),
                    dataIndex: 'status',
                    sorter: (a, b) => REPORT_STATUSES.indexOf(a.status) - REPORT_STATUSES.indexOf(b.status),
                    render: (v: string, i) => (
                      <Space size={4}>
                        <FlowTag status={v} prefix="rs" />
                        {i.overdue ? <Tag color="red">{t('erp.overdue')}</Tag> : i.late ? <Tag color="orange">{t('erp.late')}</Tag> : null}
                      </Space>
                    ),
                  },
                  { title: t('erp.submittedAt'), dataIndex: 'submittedAt', render: fmtTime },
                  {
                    title: '',
                    key: 'op',
                    render: (_, i) => (
                      <Link to={`/energy/reports/${i.orgId}/${d.year}`} data-testid={`tracker-open-${i.orgId}`}>
                        {rights.report && EDITABLE.includes(i.status) ? t('erp.open') : t('erp.view')}
                      </Link>
                    ),
                  },
                ]}
              />
            </Col>
            <Col xs={24} xl={8}>
              <Card size="small" title={t('erp.byStatus')}>
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
                  {t('erp.open')}
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
      type Rule = { effectiveFrom: string; version: number; data: unknown };
      const inForce = (items: Rule[]) =>
        [...items]
          .filter((r) => r.effectiveFrom <= `${year}-12-31`)
          .sort((a, b) =>
            a.effectiveFrom === b.effectiveFrom ? b.version - a.version : b.effectiveFrom.localeCompare(a.effectiveFrom),
          )[0] ?? [...items].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))[0];
      // The reference-data routes (core) are not yet in a typed route table.
      const [coal, params] = await Promise.all([
        api.get<{ items: Rule[] }>('/refdata/rules/coal_coefficients'),
        api.get<{ items: Rule[] }>('/refdata/rules/energy_rules'),
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
  const t = useT();
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
    setError(t('erp.fix', { fields: needReason.map((f) => t(`eg.rf.${f}`)).join(formT('listSep')) }));
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
      message.success(t('erp.saved'));
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
    Modal.confirm({
      title: t('erp.submitConfirm', { year }),
      okButtonProps: { 'data-testid': 'report-submit-ok' } as never,
      onOk: async () => {
        setBusy('submit');
        try {
          await call(energyApi.saveReport, { params: { orgId, year }, body: body() });
          await call(energyApi.submitReport, { params: { orgId, year }, body: {} });
          message.success(t('erp.submittedOk'));
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
        title={t('erp.formTitle', { org: r.orgName, year: r.year })}
        extra={
          <Space wrap>
            <Link to="/energy/reports">{t('erp.backToTracker')}</Link>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => download(energyApi.exportReport, { params: { orgId, year } }).catch((e) => message.error(e.message))}
              data-testid="report-export"
            >
              {t('erp.export')}
            </Button>
            <Button icon={<PrinterOutlined />} onClick={() => setSearch({ print: '1' })} data-testid="report-print">
              {t('erp.print')}
            </Button>
          </Space>
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <FlowTag status={r.status} prefix="rs" />
        <span data-testid="report-status" data-status={r.status} style={{ color: '#888' }}>
          {t('erp.deadline', { d: r.deadline })}
        </span>
        {r.late ? <Tag color="orange">{t('erp.lateTag')}</Tag> : null}
        {r.submittedAt ? <span style={{ color: '#888' }}>{`${t('erp.submittedAt')} ${fmtTime(r.submittedAt)}`}</span> : null}
        {r.instanceId ? (
          <Link to={`/approvals/${r.instanceId}`} data-testid="report-approval">
            {t('erp.approval')}
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
              {t('erp.readonly')}
              {t(`eg.rs.${r.status}`)}
            </span>
          }
        />
      ) : null}
      {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} data-testid="report-error" /> : null}
      <Card size="small" title={isLive ? t('erp.derived') : t('erp.derivedSaved')} style={{ marginBottom: 12 }}>
        <div className="eg-derived" data-testid="report-derived">
          {(['kgce', 'kgcePerCapita', 'kgcePerSqm', 'waterPerCapita'] as const).map((k) => (
            <Statistic
              key={k}
              title={k === 'kgce' ? t('erp.kgce') : t(`eg.ind.${k}`)}
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
          { title: t('erp.code'), key: 'code', width: 50, className: 'eg-hide-phone', render: (_, x) => code(x.field) },
          { title: t('erp.field'), key: 'label', render: (_, x) => t(`eg.rf.${x.field}`) },
          {
            title: t('erp.prefill'),
            key: 'prefill',
            align: 'right',
            render: (_, x) => (
              <span data-testid={`report-prefill-${x.field}`} data-value={r.prefill[x.field]}>
                {fmtNum(r.prefill[x.field])}
              </span>
            ),
          },
          {
            title: t('erp.value'),
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
            title: t('erp.reason'),
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
                      placeholder={t('erp.reasonNeeded')}
                      data-testid={`report-reason-${x.field}`}
                      data-required="true"
                    />
                    {missing.has(x.field) ? (
                      <div className="eg-hint eg-hint-bad" data-testid={`report-reason-missing-${x.field}`}>
                        {t('erp.reasonNeeded')}
                      </div>
                    ) : null}
                  </div>
                ) : (
                  <span>{r.reasons[x.field] ?? ''}</span>
                )
              ) : null,
          },
          {
            title: t('erp.lastYear'),
            key: 'last',
            align: 'right',
            render: (_, x) => fmtNum(r.lastYear?.[x.field]),
          },
          {
            title: t('erp.change'),
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
            {t('erp.save')}
          </Button>
          <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} onClick={submit} data-testid="report-submit">
            {t('erp.submit')}
          </Button>
        </Space>
      ) : null}
    </div>
  );
}

/** The report in the national form's layout, for signature and seal (A4). */
function ReportPrint({ report: r, onBack }: { report: TReport; onBack: () => void }) {
  const t = useT();
  const formT = reportFormMessages.useT();
  const reasons = REPORT_FIELDS.filter((f) => r.reasons[f]);
  return (
    <div data-testid="report-print-view">
      <Button className="hq-no-print" onClick={onBack} style={{ marginBottom: 8 }}>
        ← {t('erp.back')}
      </Button>
      <PrintLayout issuer={r.orgName} title={`${t('erp.printTitle')}${t('erp.printSub', { year: r.year })}`}>
        <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', fontSize: 14 }}>
          <span>{t('erp.printOrg', { org: r.orgName })}</span>
          <span>{t('erp.printCredit', { code: r.creditCode ?? '' })}</span>
        </div>
        <table className="eg-form-table" data-testid="report-print-table">
          <thead>
            <tr>
              <th>{t('erp.field')}</th>
              <th>{t('erp.code')}</th>
              <th>{t('erp.printUnit')}</th>
              <th>{t('erp.printThis')}</th>
              <th>{t('erp.printLast')}</th>
              <th>{t('erp.change')}</th>
            </tr>
          </thead>
          <tbody>
            {REPORT_FIELDS.map((f) => {
              const last = r.lastYear?.[f];
              return (
                <tr key={f} data-testid={`report-print-${f}`} data-value={r.values[f]}>
                  <td>{t(`eg.rf.${f}`).replace(/\(.*\)$/, '')}</td>
                  <td className="num">{code(f)}</td>
                  <td>{formT(f)}</td>
                  <td className="num">{fmtNum(r.values[f])}</td>
                  <td className="num">{fmtNum(last)}</td>
                  <td className="num">{last ? fmtPct(r.values[f] / last - 1) : '—'}</td>
                </tr>
              );
            })}
            <tr>
              <td colSpan={3}>{t('erp.kgce')}</td>
              <td className="num">{fmtNum(r.derived.kgce)}</td>
              <td colSpan={2} />
            </tr>
            <tr>
              <td colSpan={3}>{t('eg.ind.kgcePerCapita')}</td>
              <td className="num">{fmtNum(r.derived.kgcePerCapita)}</td>
              <td colSpan={2} />
            </tr>
            <tr>
              <td colSpan={3}>{t('eg.ind.kgcePerSqm')}</td>
              <td className="num">{fmtNum(r.derived.kgcePerSqm)}</td>
              <td colSpan={2} />
            </tr>
            <tr>
              <td colSpan={3}>{t('eg.ind.waterPerCapita')}</td>
              <td className="num">{fmtNum(r.derived.waterPerCapita)}</td>
              <td colSpan={2} />
            </tr>
          </tbody>
        </table>
        <p style={{ marginTop: 12, marginBottom: 0, fontWeight: 600 }}>{t('erp.reasonsTitle')}</p>
        {reasons.length ? (
          <ol style={{ marginTop: 0 }}>
            {reasons.map((f) => (
              <li key={f}>
                {t(`eg.rf.${f}`)}
                {formT('colon')}
                {r.reasons[f]}
              </li>
            ))}
          </ol>
        ) : (
          <p style={{ marginTop: 0 }}>{t('erp.noReasons')}</p>
        )}
      </PrintLayout>
    </div>
  );
}
