import { DownloadOutlined, FilterOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Drawer,
  Empty,
  Form,
  Grid,
  Modal,
  Pagination,
  Space,
  Spin,
  Table,
  type TableProps,
  Upload,
  message,
} from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { type HTMLAttributes, type ReactNode, isValidElement, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { type AnyRoute, type RouteInput, pathOf } from '../../../contracts/route';
import { ApiError, type Page, api, downloadFile } from '../api';
import { defineMessages } from '../i18n';
import { call, keyOf } from '../typedApi';
import { ErrorState } from './states';

export const tableMessages = defineMessages('table', {
  search: { zh: '查询', en: 'Search' },
  reset: { zh: '重置', en: 'Reset' },
  export: { zh: '导出 Excel', en: 'Export to Excel' },
  import: { zh: '从 Excel 导入', en: 'Import from Excel' },
  template: { zh: '下载导入模板', en: 'Download template' },
  total: { zh: '共 {n} 条', en: '{n} in total' },
  filters: { zh: '筛选', en: 'Filters' },
});

/**
 * What a column is on a phone, where a list is drawn as cards: the card's `title`, its `status`
 * (a tag at the top right), a `field` (label and value under the title), or `hidden`. Unmarked,
 * the first column is the title, a column whose dataIndex is `status` the status, an action
 * column (no dataIndex) stays at the card's foot, and the rest are fields.
 */
export type CardRole = 'title' | 'status' | 'field' | 'hidden';
/**
 * A column as the card list reads it. Deliberately not antd's ColumnType<T>: its dataIndex type
 * is a deep path over T, which the compiler cannot afford to compare inside a generic component.
 */
type CardColumn = {
  key?: string | number;
  title?: unknown;
  dataIndex?: string | number | readonly (string | number)[];
  render?: (value: unknown, row: never, index: number) => unknown;
  card?: CardRole;
};

/**
 * Marks a column's place on a phone's card: `onCard('status', { title, dataIndex: 'state', render })`.
 * (A property set on the column object, so the columns keep antd's own type.)
 */
export function onCard<C extends object>(role: CardRole, column: C): C {
  return Object.assign(column, { card: role });
}

/** A column's React key on a card: its key, its dataIndex, else its title (columns are few and fixed). */
const columnKey = (c: CardColumn) => String(c.key ?? c.dataIndex ?? (typeof c.title === 'string' ? c.title : 'actions'));

type CardParts = { title?: CardColumn; status?: CardColumn; fields: CardColumn[]; actions: CardColumn[] };

/** Splits the columns into a card's parts (pure, see `CardRole`). */
export function cardParts(columns: readonly object[]): CardParts {
  const visible = (columns as CardColumn[]).filter((c) => c.card !== 'hidden');
  const title = visible.find((c) => c.card === 'title') ?? visible.find((c) => !c.card && c.dataIndex !== undefined);
  const status = visible.find((c) => c.card === 'status') ?? visible.find((c) => !c.card && c.dataIndex === 'status' && c !== title);
  const rest = visible.filter((c) => c !== title && c !== status);
  return {
    title,
    status,
    fields: rest.filter((c) => c.card === 'field' || (!c.card && c.dataIndex !== undefined)),
    actions: rest.filter((c) => !c.card && c.dataIndex === undefined),
  };
}

/** A cell as the table would draw it: the column's render of the row's value. */
function cellOf(c: CardColumn, row: object, index: number): ReactNode {
  const di = c.dataIndex;
  const path = di === undefined ? [] : Array.isArray(di) ? di : [di as string | number];
  let value: unknown = path.length ? row : undefined;
  for (const k of path) value = value == null ? undefined : (value as Record<string | number, unknown>)[k];
  if (c.render) {
    const out = c.render(value, row as never, index);
    // The old render shape { children, props } still works in the table.
    if (out && typeof out === 'object' && !isValidElement(out) && 'children' in out) return (out as { children: ReactNode }).children;
    return out as ReactNode;
  }
  return value == null ? '' : String(value);
}

/** The rows as cards (a phone): title and status on top, then the key fields, then the row's actions. */
function CardList(props: {
  rows: object[];
  columns: readonly object[];
  rowKey: (row: object, i: number) => string | number;
  onRow?: (row: object, i: number) => object;
  loading: boolean;
}) {
  const parts = cardParts(props.columns);
  if (!props.rows.length && !props.loading) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Spin spinning={props.loading}>
      <div className="hq-cards" data-testid="list-cards">
        {props.rows.map((row, i) => {
          // The row's own attributes (test ids, data-*, a click) go on its card as on its table row.
          const rowProps = (props.onRow?.(row, i) ?? {}) as HTMLAttributes<HTMLDivElement>;
          return (
            <div key={props.rowKey(row, i)} data-testid="list-card" {...rowProps}>
              <Card size="small" className="hq-card">
                <div className="hq-card-head">
                  <div className="hq-card-title">{parts.title ? cellOf(parts.title, row, i) : null}</div>
                  {parts.status ? <div data-testid="list-card-status">{cellOf(parts.status, row, i)}</div> : null}
                </div>
                {parts.fields.length ? (
                  <dl className="hq-card-fields">
                    {parts.fields.map((c) => {
                      const v = cellOf(c, row, i);
                      if (v === '' || v === null || v === undefined) return null;
                      return [
                        <dt key={`t${columnKey(c)}`}>{typeof c.title === 'function' ? null : (c.title as ReactNode)}</dt>,
                        <dd key={`v${columnKey(c)}`}>{v}</dd>,
                      ];
                    })}
                  </dl>
                ) : null}
                {parts.actions.length ? (
                  <div style={{ marginTop: 6 }}>
                    <Space wrap>
                      {parts.actions.map((c) => (
                        <span key={columnKey(c)}>{cellOf(c, row, i)}</span>
                      ))}
                    </Space>
                  </div>
                ) : null}
              </Card>
            </div>
          );
        })}
      </div>
    </Spin>
  );
}

export const importMessages = defineMessages('import', {
  title: { zh: '从 Excel 导入', en: 'Import from Excel' },
  hint: {
    zh: '全部行校验通过后才会导入；任一行有误则不导入任何数据。',
    en: 'Rows are imported only when every row is valid; any error imports nothing.',
  },
  pick: { zh: '选择 .xlsx 文件', en: 'Choose an .xlsx file' },
  titleAny: { zh: '从 Excel 或 CSV 导入', en: 'Import from Excel or CSV' },
  pickAny: { zh: '选择文件（.xlsx 或 .csv）', en: 'Choose a file (.xlsx or .csv)' },
  ok: { zh: '已导入 {n} 行', en: '{n} rows imported' },
  okSkipped: { zh: '已导入 {n} 行，跳过已有的 {s} 行', en: '{n} rows imported, {s} already stored skipped' },
  failed: { zh: '未导入：共 {n} 处错误', en: 'Nothing imported: {n} problems' },
  row: { zh: '行', en: 'Row' },
  column: { zh: '列', en: 'Column' },
  reason: { zh: '原因', en: 'Reason' },
});

type Filters = Record<string, string | number | undefined>;

/**
 * A list that pages, sorts and filters on the server (`page`, `pageSize`, `sort=field|-field`
 * plus the filter fields), with Excel export of the filtered list and an optional Excel import.
 */
export function ServerTable<T extends object>(props: {
  /** The list route (a GET answering `{ items, total }`): its query key, path and call come from the definition. */
  route: AnyRoute;
  /** The list route's path parameters, if it has any. */
  params?: Record<string, string | number>;
  /** The `download` route that exports the filtered list. */
  exportRoute?: AnyRoute;
  /** The `upload` route that imports rows, and the `download` route of its template. */
  importRoute?: AnyRoute;
  templateRoute?: AnyRoute;
  /** The columns; on a phone each row is a card made of them (`onCard` marks a column's place, see `CardRole`). */
  columns: TableProps<T>['columns'];
  filters?: ReactNode;
  /** File types the import takes (default .xlsx). */
  importAccept?: string;
  extraQuery?: Filters;
  toolbar?: ReactNode;
  testId?: string;
  expandable?: TableProps<T>['expandable'];
  /** Rows without an `id` name their key here. */
  rowKey?: TableProps<T>['rowKey'];
  onRow?: TableProps<T>['onRow'];
  rowClassName?: TableProps<T>['rowClassName'];
  rowSelection?: TableProps<T>['rowSelection'];
  onImported?: () => void;
  /**
   * Filter names read from the page's URL query when it opens (`?status=pending`): a link from
   * the workbench or a notification lands on the list already filtered, the form showing it.
   */
  urlFilters?: readonly string[];
}) {
  const t = tableMessages.useT();
  const [form] = Form.useForm();
  const [urlParams] = useSearchParams();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [sort, setSort] = useState<string | undefined>();
  const [filters, setFilters] = useState<Filters>(() =>
    Object.fromEntries((props.urlFilters ?? []).flatMap((k) => (urlParams.get(k) ? [[k, urlParams.get(k) as string]] : []))),
  );
  const [importOpen, setImportOpen] = useState(false);
  const [filtersOpen, setFiltersOpen] = useState(false);
  // A phone: rows as cards, filters in a drawer. A list with selection or expandable rows keeps
  // its table (those need the table's own controls).
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const cards = phone && !props.rowSelection && !props.expandable;
  // Filters the user typed win over defaults (e.g. the header's organisation).
  const query = { ...props.extraQuery, ...filters, page, pageSize, sort };
  const exportPath = props.exportRoute ? pathOf(props.exportRoute, props.params) : undefined;
  const importPath = props.importRoute ? pathOf(props.importRoute, props.params) : undefined;
  const templatePath = props.templateRoute ? pathOf(props.templateRoute, props.params) : undefined;
  // Any list route: its item type is the page's own row type, which the caller names as T.
  const input = { params: props.params, query } as RouteInput<AnyRoute>;
  const q = useQuery({
    queryKey: keyOf(props.route, { params: props.params ?? {}, query }),
    queryFn: () => call(props.route, input) as Promise<Page<T>>,
    placeholderData: (prev) => prev,
  });

  const onChange: TableProps<T>['onChange'] = (pg, _f, sorter) => {
    setPage(pg.current ?? 1);
    setPageSize(pg.pageSize ?? 20);
    const s = sorter as SorterResult<T>;
    setSort(s.order && s.field ? `${s.order === 'descend' ? '-' : ''}${String(s.field)}` : undefined);
  };
  const clean = (v: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '' && x !== null)) as Filters;

  const filterForm = (layout: 'inline' | 'vertical') => (
    <Form
      form={form}
      initialValues={filters}
      layout={layout}
      className="hq-filters"
      onFinish={(v) => {
        setPage(1);
        setFilters(clean(v));
        setFiltersOpen(false);
      }}
    >
      {props.filters}
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              // The URL's filters are the form's initial values: reset clears them too.
              form.setFieldsValue(Object.fromEntries((props.urlFilters ?? []).map((k) => [k, undefined])));
              setFilters({});
              setPage(1);
              setFiltersOpen(false);
            }}
          >
            {t('reset')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
  const activeFilters = Object.keys(filters).length;
  const rowKeyOf = (row: T, i: number): string | number => {
    const k = props.rowKey ?? 'id';
    return typeof k === 'function'
      ? (k(row, i) as string | number)
      : (((row as Record<string, unknown>)[k as string] as string | number) ?? i);
  };

  return (
    <div data-testid={props.testId}>
      {props.filters && phone ? (
        <Drawer
          title={t('filters')}
          placement="bottom"
          height="auto"
          open={filtersOpen}
          onClose={() => setFiltersOpen(false)}
          forceRender
          data-testid="filters-drawer"
          rootClassName="hq-filters-drawer"
        >
          {filterForm('vertical')}
        </Drawer>
      ) : props.filters ? (
        filterForm('inline')
      ) : null}
      <Space wrap style={{ marginBottom: 12 }}>
        {props.filters && phone ? (
          <Button icon={<FilterOutlined />} onClick={() => setFiltersOpen(true)} data-testid="filters-open">
            {t('filters')}
            {activeFilters ? ` (${activeFilters})` : ''}
          </Button>
        ) : null}
        {props.toolbar}
        {exportPath ? (
          <Button
            icon={<DownloadOutlined />}
            onClick={() => downloadFile(exportPath, { ...props.extraQuery, ...filters, sort }).catch((e) => message.error(e.message))}
          >
            {t('export')}
          </Button>
        ) : null}
        {importPath ? (
          <Button icon={<UploadOutlined />} data-testid="import-button" onClick={() => setImportOpen(true)}>
            {t('import')}
          </Button>
        ) : null}
      </Space>
      {q.error && !q.data ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : cards ? (
        <>
          <CardList
            rows={q.data?.items ?? []}
            columns={(props.columns ?? []) as object[]}
            rowKey={(row, i) => rowKeyOf(row as T, i)}
            onRow={props.onRow as ((row: object, i: number) => object) | undefined}
            loading={q.isFetching}
          />
          <Pagination
            simple
            style={{ marginTop: 12, textAlign: 'center' }}
            current={page}
            pageSize={pageSize}
            total={q.data?.total ?? 0}
            onChange={(p, ps) => {
              setPage(p);
              setPageSize(ps);
            }}
            showTotal={(n) => t('total', { n })}
          />
        </>
      ) : (
        <Table<T>
          rowKey={props.rowKey ?? ('id' as TableProps<T>['rowKey'])}
          size="middle"
          loading={q.isFetching}
          columns={props.columns}
          dataSource={q.data?.items ?? []}
          onChange={onChange}
          expandable={props.expandable}
          onRow={props.onRow}
          rowClassName={props.rowClassName}
          rowSelection={props.rowSelection}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize,
            total: q.data?.total ?? 0,
            showSizeChanger: true,
            // A list may count only up to a cap (`totalCapped`): it then says "10000+".
            showTotal: (n) => t('total', { n: (q.data as { totalCapped?: boolean } | undefined)?.totalCapped ? `${n}+` : n }),
          }}
        />
      )}
      {importPath ? (
        <ImportModal
          open={importOpen}
          onClose={() => setImportOpen(false)}
          path={importPath}
          templatePath={templatePath}
          accept={props.importAccept}
          onImported={() => {
            q.refetch();
            props.onImported?.();
          }}
        />
      ) : null}
    </div>
  );
}

export type ImportResult = { imported: number; skipped?: number; errors: { row: number; column: string; message: string }[] };
const isImportResult = (v: unknown): v is ImportResult =>
  typeof v === 'object' && v !== null && Array.isArray((v as { errors?: unknown }).errors);

/**
 * The one import dialog of the web: template download, upload, all or nothing, the error report
 * row by row. ServerTable opens it for its import button; a page with its own import (meter
 * readings, rooms, fuel-card and ETC statements) opens it directly, naming its own texts.
 */
export function ImportModal(props: {
  open: boolean;
  onClose: () => void;
  path: string;
  templatePath?: string;
  /** File types the import takes (default .xlsx). */
  accept?: string;
  /** Shown above the buttons instead of the default all-or-nothing hint. */
  hint?: ReactNode;
  /** A second line under the hint. */
  description?: ReactNode;
  /** The dialog's title instead of "Import from Excel (or CSV)". */
  title?: ReactNode;
  /** The success and failure lines instead of the default ones. */
  okText?: (r: ImportResult) => ReactNode;
  failedText?: (errors: number) => ReactNode;
  width?: number;
  onImported: () => void;
}) {
  const t = tableMessages.useT();
  const ti = importMessages.useT();
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const csv = (props.accept ?? '').includes('.csv');
  return (
    <Modal
      open={props.open}
      title={props.title ?? (csv ? ti('titleAny') : ti('title'))}
      onCancel={() => {
        setResult(null);
        setError(null);
        props.onClose();
      }}
      footer={null}
      width={props.width ?? 720}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={props.hint ?? ti('hint')} description={props.description} style={{ marginBottom: 12 }} />
      <Space wrap>
        {props.templatePath ? (
          <Button
            icon={<DownloadOutlined />}
            data-testid="import-template"
            onClick={() => downloadFile(props.templatePath!).catch((e) => message.error(e instanceof Error ? e.message : String(e)))}
          >
            {t('template')}
          </Button>
        ) : null}
        <Upload
          accept={props.accept ?? '.xlsx'}
          showUploadList={false}
          beforeUpload={(file) => {
            setBusy(true);
            setError(null);
            setResult(null);
            api
              .upload<ImportResult>(props.path, file)
              .then((r) => {
                setResult(r);
                if (r.imported) props.onImported();
              })
              .catch((e) => {
                // All or nothing: a failed row answers 422 IMPORT_FAILED with the row report in `details`.
                if (e instanceof ApiError && e.code === 'IMPORT_FAILED' && isImportResult(e.details)) setResult(e.details);
                else setError(e instanceof ApiError ? e.message : String(e));
              })
              .finally(() => setBusy(false));
            return false;
          }}
        >
          <Button type="primary" loading={busy} icon={<UploadOutlined />} data-testid="import-pick">
            {csv ? ti('pickAny') : ti('pick')}
          </Button>
        </Upload>
      </Space>
      <div data-testid="import-result" style={{ marginTop: 16 }}>
        {error ? <Alert type="error" title={error} /> : null}
        {result ? (
          result.errors.length ? (
            <>
              <Alert
                type="error"
                data-testid="import-failed"
                title={props.failedText ? props.failedText(result.errors.length) : ti('failed', { n: result.errors.length })}
                style={{ marginBottom: 8 }}
              />
              <Table
                size="small"
                rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
                dataSource={result.errors}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                scroll={{ x: 'max-content' }}
                onRow={(r) => ({ 'data-testid': 'import-error-row', 'data-row': r.row }) as never}
                columns={[
                  { title: ti('row'), dataIndex: 'row', width: 60 },
                  { title: ti('column'), dataIndex: 'column', width: 120 },
                  { title: ti('reason'), dataIndex: 'message' },
                ]}
              />
            </>
          ) : (
            <Alert
              type="success"
              data-testid="import-ok"
              data-imported={result.imported}
              title={
                props.okText
                  ? props.okText(result)
                  : result.skipped
                    ? ti('okSkipped', { n: result.imported, s: result.skipped })
                    : ti('ok', { n: result.imported })
              }
            />
          )
        ) : null}
      </div>
    </Modal>
  );
}
