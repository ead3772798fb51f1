import { CheckCircleOutlined, UploadOutlined, WarningOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Empty, Form, Grid, InputNumber, Modal, Select, Space, Table, Tabs, Tag, App } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { READING_FLAGS } from '../../../contracts/modules/energy';
import { energyApi } from '../../../contracts/modules/energy.api';
import { type RouteBody, pathOf } from '../../../contracts/route';
import { ApiError } from '../../shared/api';
import { download, invalidate, useApiMutation, useApiQuery } from '../../shared/typedApi';
import { defineMessages } from '../../shared/i18n';
import { ImportModal, ServerTable } from '../../shared/ui/ServerTable';
import { ErrorState, Loading, PageHeader } from '../../shared/ui/states';
import {
  EnergyTypeTag,
  EnergyUnitSelect,
  FlagTag,
  type TMonthlySheet,
  type TReading,
  enumOptions,
  errText,
  fmtReadingDay,
  fmtNum,
  fmtTime,
  lastMonth,
  unitLabel,
  useDefaultUnit,
  useEnergyRights,
  commonMessages,
} from './common';

export const readingMessages = defineMessages('energy.readings', {
  title: { zh: '读数录入', en: 'Readings' },
  sheet: { zh: '月度抄表', en: 'Monthly sheet' },
  import: { zh: '文件导入', en: 'Import' },
  flagged: { zh: '异常读数', en: 'Flagged readings' },
  pickUnit: { zh: '选择单位', en: 'Choose a unit' },
  month: { zh: '抄表月份', en: 'Month' },
  sheetHint: {
    zh: '填写各表 {month} 月末（{day} 24:00）的表底数；用量 =（本月读数 − 上次读数）× 倍率。全部读数一次提交，任一条有误则都不保存。',
    en: 'Enter each meter’s register at the end of {month} ({day}, 24:00); consumption = (this reading − the last) × multiplier. All readings are saved together: if one is wrong, none is saved.',
  },
  meter: { zh: '表计', en: 'Meter' },
  previous: { zh: '上次读数', en: 'Last reading' },
  current: { zh: '本月月末读数', en: 'End-of-month register' },
  consumption: { zh: '本月用量', en: 'Consumption' },
  lastMonthUse: { zh: '上月用量', en: 'Last month' },
  multiplier: { zh: '倍率 ×{n}', en: 'multiplier ×{n}' },
  entered: { zh: '已录入', en: 'Entered' },
  enteredHint: { zh: '已录入；如需更改请在计量器具的读数中更正', en: 'Entered; to change it, correct the reading on the meter' },
  firstReading: { zh: '首次读数，无上次读数', en: 'First reading: no previous one' },
  negative: {
    zh: '低于上次读数 {prev}：用量为负，将标记为负用量且不计入',
    en: 'Below the last reading {prev}: negative consumption, flagged and not counted',
  },
  rollover: { zh: '表码翻转：按满量程 {cap} 计算', en: 'Register rolled over: counted from its capacity {cap}' },
  spike: { zh: '约为上月用量的 {n} 倍，请核对', en: 'About {n}× last month’s consumption: please check' },
  submit: { zh: '提交全部读数', en: 'Submit all readings' },
  submitN: { zh: '提交 {n} 条读数', en: 'Submit {n} readings' },
  nothing: { zh: '请至少填写一个读数', en: 'Enter at least one reading' },
  warnTitle: { zh: '{n} 条读数有警告', en: '{n} readings have warnings' },
  warnBody: {
    zh: '负用量的读数会被标记、不计入用量。确定提交吗？',
    en: 'Readings with negative consumption are flagged and not counted. Submit anyway?',
  },
  warnOk: { zh: '仍然提交', en: 'Submit anyway' },
  saved: {
    zh: '已保存 {month}：新增 {inserted} 条，未变 {unchanged} 条，标记异常 {flagged} 条',
    en: 'Saved {month}: {inserted} new, {unchanged} unchanged, {flagged} flagged',
  },
  conflict: {
    zh: '部分表计本月已有不同的读数，未保存任何读数：{msg}',
    en: 'Some meters already have a different reading this month; nothing was saved: {msg}',
  },
  noMeters: { zh: '该单位没有人工抄表的计量表', en: 'This unit has no meters read by hand' },
  importTitle: { zh: '从 Excel 或 CSV 导入读数', en: 'Import readings from Excel or CSV' },
  importHint: {
    zh: '支持 .xlsx 与 .csv，列为：表号、读数时间、表底数。只填日期表示当日 24:00 的表底数。全部行校验通过才导入，任一行有误则不导入任何数据；已导入过的相同读数自动跳过。',
    en: '.xlsx or .csv with the columns meter code, reading time, register value. A date alone means the register at the end of that day. Rows are imported only when every row is valid; any error imports nothing. Readings imported before with the same value are skipped.',
  },
  importOpen: { zh: '导入读数文件', en: 'Import a readings file' },
  template: { zh: '下载导入模板', en: 'Download template' },
  flag: { zh: '标记', en: 'Flag' },
  from: { zh: '开始日期', en: 'From' },
  to: { zh: '结束日期', en: 'To' },
  value: { zh: '表底数', en: 'Register' },
  used: { zh: '用量', en: 'Consumption' },
  ts: { zh: '读数时间', en: 'Time' },
  source: { zh: '来源', en: 'Source' },
  original: { zh: '原读数 {v}：{r}', en: 'Was {v}: {r}' },
  open: { zh: '查看表计', en: 'Open meter' },
});

const SPIKE_TIMES = 3;
/** Rollover is assumed only when the wrapped consumption is a small share of the capacity (as the server's rule). */
const ROLLOVER_MAX_SHARE = 0.1;

type Item = TMonthlySheet['items'][number];
type Check = { consumption: number | null; warning: 'negative' | 'spike' | 'rollover' | null; times?: number };

/** What the value entered would give, before the server sees it: consumption × multiplier, negative, rollover or far above last month. */
function check(item: Item, value: number | null | undefined, lastMonthUse: number | null): Check {
  if (value === null || value === undefined) return { consumption: null, warning: null };
  const prev = item.previous?.value;
  if (prev === undefined) return { consumption: null, warning: null };
  let raw = value - prev;
  let warning: Check['warning'] = null;
  if (raw < 0) {
    const cap = item.meter.rolloverValue;
    const wrapped = cap ? cap - prev + value : Number.NaN;
    if (cap && prev <= cap && wrapped >= 0 && wrapped <= cap * ROLLOVER_MAX_SHARE) {
      raw = wrapped;
      warning = 'rollover';
    } else return { consumption: raw * item.meter.multiplier, warning: 'negative' };
  }
  const consumption = raw * item.meter.multiplier;
  if (!warning && lastMonthUse && lastMonthUse > 0 && consumption > SPIKE_TIMES * lastMonthUse)
    return { consumption, warning: 'spike', times: Math.round(consumption / lastMonthUse) };
  return { consumption, warning };
}

/** 读数录入: the monthly sheet of a unit's manual meters, file imports with the row-by-row report, and flagged readings. */
export function ReadingsPage() {
  const t = readingMessages.useT();
  const rights = useEnergyRights();
  const [params, setParams] = useSearchParams();
  // Readers without the right to enter readings start on what they can use: the flagged readings.
  const tab = params.get('tab') ?? (rights.write ? 'sheet' : 'flagged');
  return (
    <div className="eg-page" data-testid="readings-page">
      <PageHeader title={t('title')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={[
          { key: 'sheet', label: t('sheet'), children: <MonthlySheet /> },
          ...(rights.write ? [{ key: 'import', label: t('import'), children: <ReadingImport /> }] : []),
          { key: 'flagged', label: t('flagged'), children: <FlaggedReadings /> },
        ]}
      />
    </div>
  );
}

function MonthlySheet() {
  // The context-aware confirm (the App's): it follows the page's language and theme, unlike the static Modal.confirm.
  const { modal } = App.useApp();
  const t = readingMessages.useT();
  const tc = commonMessages.useT();
  const enter = useApiMutation(energyApi.enterMonthly, { invalidates: [energyApi.monthlySheet, energyApi.listMeters] });
  const rights = useEnergyRights();
  const defaultUnit = useDefaultUnit();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [orgId, setOrg] = useState<number | undefined>(defaultUnit ?? rights.me?.orgId);
  const [month, setMon] = useState(lastMonth());
  const [values, setValues] = useState<Record<number, number | null>>({});
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ type: 'success' | 'error'; text: string } | null>(null);
  // Another unit or month: what was typed belonged to the last sheet.
  const setOrgId = (v?: number) => {
    setOrg(v);
    setValues({});
    setResult(null);
  };
  const setMonth = (v: string) => {
    setMon(v);
    setValues({});
    setResult(null);
  };
  const prevMonth = dayjs(`${month}-01`).subtract(1, 'month').format('YYYY-MM');
  const sheet = useApiQuery(energyApi.monthlySheet, { query: { orgId: orgId!, month } }, { enabled: !!orgId });
  // Last month's sheet gives each meter's consumption last month, for the "far above" warning.
  const before = useApiQuery(energyApi.monthlySheet, { query: { orgId: orgId!, month: prevMonth } }, { enabled: !!orgId });
  const lastUse = useMemo(
    () => new Map((before.data?.items ?? []).map((i) => [i.meter.id, i.current?.consumption ?? null] as const)),
    [before.data],
  );
  const items = sheet.data?.items ?? [];
  const open = items.filter((i) => !i.current);
  const checks = new Map(items.map((i) => [i.meter.id, check(i, values[i.meter.id], lastUse.get(i.meter.id) ?? null)] as const));
  const filled = open.filter((i) => values[i.meter.id] !== null && values[i.meter.id] !== undefined);
  const warned = filled.filter((i) => {
    const w = checks.get(i.meter.id)?.warning;
    return w === 'negative' || w === 'spike';
  });

  const send = async () => {
    setBusy(true);
    setResult(null);
    try {
      const body: RouteBody<typeof energyApi.enterMonthly> = {
        month,
        readings: filled.map((i) => ({ meterId: i.meter.id, value: values[i.meter.id]! })),
      };
      const r = await enter.mutateAsync({ body });
      setResult({ type: 'success', text: t('saved', r) });
      setValues({});
    } catch (e) {
      setResult({
        type: 'error',
        text: e instanceof ApiError && e.status === 409 ? t('conflict', { msg: e.message }) : errText(e),
      });
    } finally {
      setBusy(false);
    }
  };
  const submit = () => {
    if (!filled.length) {
      setResult({ type: 'error', text: t('nothing') });
      return;
    }
    if (warned.length)
      modal.confirm({
        title: t('warnTitle', { n: warned.length }),
        content: t('warnBody'),
        okText: t('warnOk'),
        cancelText: tc('cancel'),
        okButtonProps: { 'data-testid': 'sheet-warn-ok' } as never,
        onOk: send,
      });
    else void send();
  };

  const hint = (i: Item) => {
    const c = checks.get(i.meter.id)!;
    if (i.current)
      return (
        <div className="eg-hint" style={{ color: '#888' }}>
          {t('enteredHint')}
        </div>
      );
    if (!i.previous && values[i.meter.id] !== undefined && values[i.meter.id] !== null)
      return <div className="eg-hint">{t('firstReading')}</div>;
    if (!c.warning) return null;
    const text =
      c.warning === 'negative'
        ? t('negative', { prev: fmtNum(i.previous?.value, 3) })
        : c.warning === 'rollover'
          ? t('rollover', { cap: fmtNum(i.meter.rolloverValue) })
          : t('spike', { n: c.times ?? SPIKE_TIMES });
    return (
      <div
        className={`eg-hint ${c.warning === 'negative' ? 'eg-hint-bad' : 'eg-hint-warn'}`}
        data-testid={`sheet-warning-${i.meter.id}`}
        data-kind={c.warning}
      >
        <WarningOutlined /> {text}
      </div>
    );
  };
  const input = (i: Item) =>
    i.current ? (
      <Space size={4} wrap>
        <span data-testid={`sheet-current-${i.meter.id}`}>{fmtNum(i.current.value, 3)}</span>
        <Tag color="green" icon={<CheckCircleOutlined />}>
          {t('entered')}
        </Tag>
        <FlagTag flag={i.current.flag} />
      </Space>
    ) : (
      <InputNumber
        min={0}
        max={1e12}
        inputMode="decimal"
        style={{ width: phone ? '100%' : 160 }}
        value={values[i.meter.id] ?? null}
        onChange={(v) => setValues((s) => ({ ...s, [i.meter.id]: v === null ? null : Number(v) }))}
        disabled={!rights.write}
        data-testid={`sheet-input-${i.meter.id}`}
      />
    );
  const consumption = (i: Item) => {
    const c = i.current ? { consumption: i.current.consumption, warning: null } : checks.get(i.meter.id)!;
    return (
      <span
        data-testid={`sheet-consumption-${i.meter.id}`}
        data-value={c.consumption ?? ''}
        className={c.warning === 'negative' ? 'eg-hint-bad' : undefined}
      >
        {c.consumption === null ? '—' : `${fmtNum(c.consumption, 2)} ${unitLabel(tc, i.meter.unit)}`}
      </span>
    );
  };
  const rowState = (i: Item) => {
    const w = i.current ? null : checks.get(i.meter.id)?.warning;
    return w === 'negative' ? 'bad' : w === 'spike' ? 'warn' : '';
  };
  const meterCell = (i: Item) => (
    <div>
      <Link to={`/energy/meters?id=${i.meter.id}`}>{i.meter.name}</Link>
      <div className="eg-tree-code">
        {i.meter.code ?? ''} <EnergyTypeTag type={i.meter.energyType} />
        {i.meter.multiplier !== 1 ? t('multiplier', { n: i.meter.multiplier }) : null}
      </div>
    </div>
  );

  return (
    <div data-testid="monthly-sheet">
      <Space wrap style={{ marginBottom: 12 }}>
        <EnergyUnitSelect value={orgId} onChange={setOrgId} testId="sheet-unit" placeholder={t('pickUnit')} />
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
          disabledDate={(d) => !d.endOf('month').isBefore(dayjs())}
          data-testid="sheet-month"
        />
      </Space>
      {!orgId ? (
        <Empty description={t('pickUnit')} />
      ) : sheet.error ? (
        <ErrorState error={sheet.error} onRetry={() => sheet.refetch()} />
      ) : !sheet.data ? (
        <Loading />
      ) : !items.length ? (
        <Empty description={t('noMeters')} />
      ) : (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('sheetHint', {
              month: sheet.data.month,
              day: dayjs(`${sheet.data.month}-01`).endOf('month').format('YYYY-MM-DD'),
            })}
          />
          {phone ? (
            <div className="eg-sheet-cards">
              {items.map((i) => (
                <div
                  key={i.meter.id}
                  className={`eg-sheet-card ${rowState(i) ? `eg-${rowState(i)}` : ''}`}
                  data-testid={`sheet-row-${i.meter.id}`}
                  data-warning={i.current ? '' : (checks.get(i.meter.id)?.warning ?? '')}
                >
                  <div className="eg-sheet-card-head">{meterCell(i)}</div>
                  <div className="eg-sheet-card-line">
                    <span>{t('previous')}</span>
                    <span>{i.previous ? `${fmtNum(i.previous.value, 3)} · ${fmtReadingDay(i.previous.ts)}` : '—'}</span>
                  </div>
                  <div className="eg-sheet-card-line">
                    <span>{t('lastMonthUse')}</span>
                    <span>{fmtNum(lastUse.get(i.meter.id), 2)}</span>
                  </div>
                  <div style={{ marginTop: 8 }}>{input(i)}</div>
                  {hint(i)}
                  <div className="eg-sheet-card-line">
                    <span>{t('consumption')}</span>
                    {consumption(i)}
                  </div>
                </div>
              ))}
            </div>
          ) : (
            <Table<Item>
              size="middle"
              rowKey={(i) => i.meter.id}
              dataSource={items}
              pagination={false}
              scroll={{ x: 'max-content' }}
              rowClassName={(i) => (rowState(i) === 'bad' ? 'eg-bad-row' : rowState(i) === 'warn' ? 'eg-warn-row' : '')}
              onRow={(i) =>
                ({
                  'data-testid': `sheet-row-${i.meter.id}`,
                  'data-warning': i.current ? '' : (checks.get(i.meter.id)?.warning ?? ''),
                }) as never
              }
              columns={[
                { title: t('meter'), key: 'meter', render: (_, i) => meterCell(i) },
                {
                  title: t('previous'),
                  key: 'prev',
                  align: 'right',
                  render: (_, i) =>
                    i.previous ? (
                      <div>
                        {fmtNum(i.previous.value, 3)}
                        <div className="eg-tree-code">{fmtReadingDay(i.previous.ts)}</div>
                      </div>
                    ) : (
                      '—'
                    ),
                },
                { title: t('lastMonthUse'), key: 'last', align: 'right', render: (_, i) => fmtNum(lastUse.get(i.meter.id), 2) },
                {
                  title: t('current'),
                  key: 'cur',
                  render: (_, i) => (
                    <div style={{ maxWidth: 320 }}>
                      {input(i)}
                      {hint(i)}
                    </div>
                  ),
                },
                { title: t('consumption'), key: 'use', align: 'right', render: (_, i) => consumption(i) },
              ]}
            />
          )}
          {rights.write && open.length ? (
            <div style={{ marginTop: 12 }}>
              <Button
                type="primary"
                size={phone ? 'large' : 'middle'}
                block={phone}
                loading={busy}
                onClick={submit}
                data-testid="sheet-submit"
              >
                {filled.length ? t('submitN', { n: filled.length }) : t('submit')}
              </Button>
            </div>
          ) : null}
        </>
      )}
      {result ? (
        <Alert
          type={result.type}
          showIcon
          style={{ marginTop: 12 }}
          title={result.text}
          data-testid="sheet-result"
          data-result={result.type}
        />
      ) : null}
    </div>
  );
}

function ReadingImport() {
  const t = readingMessages.useT();
  const qc = useQueryClient();
  const rights = useEnergyRights();
  const [open, setOpen] = useState(false);
  if (!rights.write) return <Empty />;
  return (
    <div data-testid="reading-import">
      <Alert type="info" showIcon title={t('importTitle')} description={t('importHint')} style={{ marginBottom: 12 }} />
      <Space wrap>
        <Button onClick={() => download(energyApi.readingTemplate, {}).catch((e) => Modal.error({ title: errText(e) }))}>
          {t('template')}
        </Button>
        <Button type="primary" icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="reading-import-open">
          {t('importOpen')}
        </Button>
      </Space>
      <ImportModal
        open={open}
        onClose={() => setOpen(false)}
        path={pathOf(energyApi.importReadings)}
        templatePath={pathOf(energyApi.readingTemplate)}
        accept=".xlsx,.csv"
        hint={t('importHint')}
        onImported={() => invalidate(qc, [energyApi.monthlySheet, energyApi.listMeters, energyApi.listReadings])}
      />
    </div>
  );
}

function FlaggedReadings() {
  const t = readingMessages.useT();
  const tc = commonMessages.useT();
  const defaultUnit = useDefaultUnit();
  return (
    <ServerTable<TReading>
      route={energyApi.listReadings}
      testId="flagged-table"
      extraQuery={{ flagged: 'true', orgId: defaultUnit }}
      rowKey={(r) => `${r.meterId}-${r.ts}`}
      onRow={(r) => ({ 'data-testid': `flagged-${r.meterId}`, 'data-flag': r.flag ?? '' }) as never}
      filters={
        <>
          <Form.Item name="orgId">
            <EnergyUnitSelect allowClear placeholder={tc('unit')} testId="flagged-filter-unit" />
          </Form.Item>
          <Form.Item name="flag">
            <Select allowClear placeholder={t('flag')} style={{ width: 130 }} options={enumOptions(tc, 'flag', READING_FLAGS)} />
          </Form.Item>
          <Form.Item name="from" getValueProps={(v) => ({ value: v ? dayjs(v) : undefined })} normalize={(d) => d?.format('YYYY-MM-DD')}>
            <DatePicker placeholder={t('from')} />
          </Form.Item>
          <Form.Item name="to" getValueProps={(v) => ({ value: v ? dayjs(v) : undefined })} normalize={(d) => d?.format('YYYY-MM-DD')}>
            <DatePicker placeholder={t('to')} />
          </Form.Item>
        </>
      }
      columns={[
        { title: t('ts'), dataIndex: 'ts', render: fmtTime },
        {
          title: t('meter'),
          dataIndex: 'meterName',
          render: (v: string, r) => <Link to={`/energy/meters?id=${r.meterId}`}>{v}</Link>,
        },
        { title: tc('energyType'), dataIndex: 'energyType', render: (v: TReading['energyType']) => <EnergyTypeTag type={v} /> },
        { title: t('value'), dataIndex: 'value', align: 'right', render: (v: number) => fmtNum(v, 3) },
        {
          title: t('used'),
          dataIndex: 'consumption',
          align: 'right',
          render: (v: number | null, r) => (v === null ? '—' : `${fmtNum(v, 2)} ${unitLabel(tc, r.unit)}`),
        },
        { title: t('flag'), dataIndex: 'flag', render: (v: TReading['flag']) => <FlagTag flag={v} /> },
        { title: t('source'), dataIndex: 'source', render: (v: TReading['source']) => tc(`src.${v}`) },
        {
          title: tc('note'),
          key: 'corr',
          render: (_, r) =>
            r.originalValue !== null ? (
              <span className="eg-evidence">{t('original', { v: fmtNum(r.originalValue, 3), r: r.correctionReason ?? '' })}</span>
            ) : null,
        },
      ]}
    />
  );
}
