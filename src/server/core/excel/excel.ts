import { PassThrough, type Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError, badRequest } from '../http/errors';
import { badTextError, findBadText } from '../http/input-guard';
import type { Locale } from '../i18n/messages';
import { issueMessage } from '../http/validation-messages';
import { cnToday, utcDay } from '../util/dates';

let excelJS: Promise<typeof ExcelJS> | undefined;
/**
 * exceljs, loaded on first use: the largest package the server imports (about half a second
 * of CPU at every start otherwise), which most starts never need. The first workbook built or
 * read after a start pays it once.
 */
export function loadExcelJS(): Promise<typeof ExcelJS> {
  excelJS ??= import('exceljs').then((m) => m.default);
  return excelJS;
}

/**
 * One Excel exchange facility for every module: a column contract turns into a template,
 * an uploaded workbook is validated row by row against it (errors name the row as Excel
 * shows it, the column header, and the reason, in the user's language), and any list
 * exports with the same headers. Importing services write nothing unless every row is valid.
 */
export type EnumOption = { code: string; labelZh: string; labelEn: string };
export type ExcelColumn = {
  key: string;
  headerZh: string;
  headerEn: string;
  /** `money`: yuan, read as an exact "1234.50" string (for `ZMoney`), written as a number shown with two decimals. */
  type: 'string' | 'number' | 'money' | 'date' | 'enum' | 'boolean';
  required?: boolean;
  enum?: EnumOption[];
  width?: number;
  example?: string | number;
  noteZh?: string;
  noteEn?: string;
};
export type ImportError = { row: number; column: string; message: string };
export type ParsedRow<T> = { row: number; data: T };

export const MAX_IMPORT_ROWS = 10_000;
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const header = (c: ExcelColumn, locale: Locale) => (locale === 'en' ? c.headerEn : c.headerZh);
const label = (o: EnumOption, locale: Locale) => (locale === 'en' ? o.labelEn : o.labelZh);

export async function buildTemplate(columns: ExcelColumn[], locale: Locale, sheetName: string): Promise<Buffer> {
  const wb = new (await loadExcelJS()).Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.columns = columns.map((c) => ({ header: header(c, locale) + (c.required ? ' *' : ''), key: c.key, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  if (columns.some((c) => c.example !== undefined)) {
    ws.addRow(
      Object.fromEntries(
        columns.map((c) => [
          c.key,
          c.type === 'enum' && c.example !== undefined
            ? label(c.enum!.find((o) => o.code === c.example) ?? c.enum![0]!, locale)
            : (c.example ?? ''),
        ]),
      ),
    );
  }
  // Drop-down lists for code columns, on a hidden sheet so long lists fit.
  const lists = wb.addWorksheet('lists', { state: 'veryHidden' });
  columns.forEach((c, i) => {
    if (c.type !== 'enum' || !c.enum?.length) return;
    c.enum.forEach((o, r) => {
      lists.getCell(r + 1, i + 1).value = label(o, locale);
    });
    const colLetter = lists.getColumn(i + 1).letter;
    for (let r = 2; r <= 1001; r++) {
      ws.getCell(r, i + 1).dataValidation = {
        type: 'list',
        allowBlank: !c.required,
        formulae: [`lists!$${colLetter}$1:$${colLetter}$${c.enum.length}`],
      };
    }
  });
  const help = wb.addWorksheet(locale === 'en' ? 'Instructions' : '填写说明');
  help.columns = [
    { header: locale === 'en' ? 'Column' : '列', width: 18 },
    { header: locale === 'en' ? 'Required' : '必填', width: 8 },
    { header: locale === 'en' ? 'How to fill' : '填写要求', width: 80 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of columns) {
    const how =
      (locale === 'en' ? c.noteEn : c.noteZh) ??
      (c.type === 'enum'
        ? (locale === 'en' ? 'One of: ' : '可选值：') + c.enum!.map((o) => label(o, locale)).join(' / ')
        : c.type === 'date'
          ? 'YYYY-MM-DD'
          : '');
    help.addRow([header(c, locale), c.required ? '✓' : '', how]);
  }
  help.addRow([]);
  help.addRow([
    locale === 'en'
      ? 'Any error rejects the whole file; nothing is imported until every row is valid.'
      : '任一行有误则整个文件不导入；全部正确后才会导入。',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  // Excel date cells are UTC midnight: their UTC day is the day typed.
  if (v instanceof Date) return utcDay(v);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v).trim();
}

/**
 * Reads the first sheet, maps columns by header text in either language (order does not
 * matter), converts each cell by its column type and validates the row with `schema`.
 */
export async function parseWorkbook<S extends z.ZodTypeAny>(
  buf: Buffer,
  columns: ExcelColumn[],
  schema: S,
  locale: Locale,
): Promise<{ rows: ParsedRow<z.infer<S>>[]; errors: ImportError[] }> {
  const wb = new (await loadExcelJS()).Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw badRequest('IMPORT_BAD_FILE', { reason: locale === 'en' ? 'not an .xlsx workbook' : '不是 .xlsx 格式的工作簿' });
  }
  const ws = wb.worksheets.find((w) => w.state === 'visible') ?? wb.worksheets[0];
  if (!ws) throw badRequest('IMPORT_BAD_FILE', { reason: locale === 'en' ? 'the workbook has no sheet' : '工作簿中没有工作表' });
  const norm = (s: string) => s.replace(/\s|\*|＊/g, '').toLowerCase();
  const byHeader = new Map<string, ExcelColumn>();
  for (const c of columns) {
    byHeader.set(norm(c.headerZh), c);
    byHeader.set(norm(c.headerEn), c);
    byHeader.set(norm(c.key), c);
  }
  const colIndex = new Map<string, number>();
  ws.getRow(1).eachCell((cell, idx) => {
    const c = byHeader.get(norm(cellText(cell.value)));
    if (c) colIndex.set(c.key, idx);
  });
  const errors: ImportError[] = [];
  const missing = columns.filter((c) => c.required && !colIndex.has(c.key));
  if (missing.length) {
    for (const c of missing)
      errors.push({
        row: 1,
        column: header(c, locale),
        message: locale === 'en' ? 'column missing from the header row' : '表头中缺少该列',
      });
    return { rows: [], errors };
  }
  const rows: ParsedRow<z.infer<S>>[] = [];
  const last = ws.actualRowCount > 0 ? ws.rowCount : 0;
  if (last - 1 > MAX_IMPORT_ROWS) {
    throw badRequest('IMPORT_BAD_FILE', { reason: locale === 'en' ? `more than ${MAX_IMPORT_ROWS} rows` : `超过 ${MAX_IMPORT_ROWS} 行` });
  }
  for (let r = 2; r <= last; r++) {
    const row = ws.getRow(r);
    const raw: Record<string, unknown> = {};
    let empty = true;
    const rowErrors: ImportError[] = [];
    for (const c of columns) {
      const idx = colIndex.get(c.key);
      if (!idx) continue;
      const v = row.getCell(idx).value;
      const text = cellText(v);
      if (text === '') continue;
      empty = false;
      switch (c.type) {
        case 'number': {
          const n = typeof v === 'number' ? v : Number(text.replace(/,/g, ''));
          if (Number.isNaN(n))
            rowErrors.push({ row: r, column: header(c, locale), message: locale === 'en' ? 'must be a number' : '应为数字' });
          else raw[c.key] = n;
          break;
        }
        case 'money': {
          // A cell typed as a number is a double: take it to the fen when it is one (318.75), else leave the
          // digits for the contract to refuse; a text cell keeps its exact digits.
          const t =
            typeof v === 'number' ? (Math.abs(v * 100 - Math.round(v * 100)) < 1e-6 ? v.toFixed(2) : String(v)) : text.replace(/,/g, '');
          if (!/^-?\d+(\.\d+)?$/.test(t))
            rowErrors.push({ row: r, column: header(c, locale), message: locale === 'en' ? 'must be an amount' : '应为金额' });
          else raw[c.key] = t;
          break;
        }
        case 'date': {
          const d = v instanceof Date ? utcDay(v) : text.replace(/[./年月]/g, '-').replace(/日$/, '');
          const m = d.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
          if (!m)
            rowErrors.push({
              row: r,
              column: header(c, locale),
              message: locale === 'en' ? 'must be a date (YYYY-MM-DD)' : '应为日期（YYYY-MM-DD）',
            });
          else raw[c.key] = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
          break;
        }
        case 'enum': {
          const t = norm(text);
          const o = c.enum!.find((x) => norm(x.code) === t || norm(x.labelZh) === t || norm(x.labelEn) === t);
          if (!o)
            rowErrors.push({
              row: r,
              column: header(c, locale),
              message:
                (locale === 'en' ? `"${text}" is not one of: ` : `“${text}”不是有效值，可选：`) +
                c.enum!.map((x) => label(x, locale)).join(' / '),
            });
          else raw[c.key] = o.code;
          break;
        }
        case 'boolean':
          raw[c.key] = ['是', 'y', 'yes', 'true', '1'].includes(text.toLowerCase());
          break;
        default:
          raw[c.key] = text;
      }
    }
    if (empty) continue;
    if (rowErrors.length) {
      errors.push(...rowErrors);
      continue;
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '');
        const col = columns.find((c) => c.key === key);
        const {
          code,
          message,
          path: _p,
          ...params
        } = issue as unknown as { code: string; message: string; path: unknown } & Record<string, unknown>;
        errors.push({ row: r, column: col ? header(col, locale) : key, message: issueMessage({ keyword: code, message, params }, locale) });
      }
    } else rows.push({ row: r, data: parsed.data });
  }
  return { rows, errors };
}

/** One list row as the sheet's cells: code columns as their label, money as a number. */
function sheetRow(columns: ExcelColumn[], r: Record<string, unknown>, locale: Locale): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of columns) {
    const v = r[c.key];
    if (c.type === 'enum' && typeof v === 'string') {
      const o = c.enum?.find((x) => x.code === v);
      out[c.key] = o ? label(o, locale) : v;
    }
    // Money travels as "1234.50"; the sheet gets the number (the nearest double, exact to the fen when shown with two decimals).
    else if (c.type === 'money' && v !== null && v !== undefined && v !== '') out[c.key] = Number(v);
    else out[c.key] = v ?? '';
  }
  return out;
}

type RowSource = Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>;

/**
 * Writes an export sheet to `out` with exceljs's streaming writer: each row is committed (turned
 * into XML and handed to the zip stream) as soon as it is added, so neither the workbook nor the
 * row list is ever whole in memory. Same sheet as ever: localized bold header frozen, a filter,
 * code columns as labels, money as numbers shown with two decimals. Resolves when the file is complete.
 */
export async function writeXlsxStream(
  out: Writable,
  columns: ExcelColumn[],
  rows: RowSource,
  locale: Locale,
  sheetName: string,
): Promise<number> {
  // Shared strings would keep every distinct text in memory until the end; inline strings keep it flat.
  const wb = new (await loadExcelJS()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: header(c, locale),
    key: c.key,
    width: c.width ?? 16,
    ...(c.type === 'money' ? { style: { numFmt: '#,##0.00' } } : {}),
  }));
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  let n = 0;
  for await (const r of rows) {
    ws.addRow(sheetRow(columns, r, locale)).commit();
    n++;
  }
  ws.commit();
  await wb.commit();
  return n;
}

/** A whole export as a buffer (small sheets, tests): the streaming writer into memory. */
export async function exportRows(columns: ExcelColumn[], rows: RowSource, locale: Locale, sheetName: string): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeXlsxStream(out, columns, rows, locale, sheetName);
  return Buffer.concat(chunks);
}

/** Rows per read of a streamed export: large enough that the reads' own cost (a count, a sort) is paid rarely. */
export const EXPORT_BATCH = 1000;
/** The most rows one export writes (a district has 20,000 people); the audit records how many of how many. */
export const MAX_EXPORT_ROWS = 50_000;

/**
 * A list read in batches for an export: `read(page, pageSize)` is the list service's own paged read
 * (same filters, scope, sort — the sort must end on a unique key so pages neither overlap nor skip).
 * The first batch is read now, so a refused filter or scope answers a normal 4xx before any byte of
 * the file is sent, and `total` (the filter's rows) and `count` (what will be written, at most `max`)
 * are known for the audit; `rows` then yields the rows, one batch in memory at a time.
 *
 *   const src = await batchedRows((page, pageSize) => svc.list(ctx, { ...req.query, page, pageSize }));
 *   await audit(`${src.count}/${src.total} rows`);
 *   return streamXlsx(reply, { columns, rows: src.rows, locale: req.locale, sheetName, fileName });
 */
export async function batchedRows<T>(
  read: (page: number, pageSize: number) => Promise<{ items: T[]; total: number }>,
  opts: { batch?: number; max?: number } = {},
): Promise<{ total: number; count: number; rows: AsyncIterable<T> }> {
  const batch = opts.batch ?? EXPORT_BATCH;
  const max = opts.max ?? MAX_EXPORT_ROWS;
  const first = await read(1, Math.min(batch, max));
  const count = Math.min(first.total, max);
  async function* rows() {
    let items = first.items;
    let page = 1;
    let seen = 0;
    for (;;) {
      for (const it of items.slice(0, max - seen)) yield it;
      seen += items.length;
      if (seen >= count || items.length < batch) return;
      page++;
      items = (await read(page, batch)).items;
    }
  }
  return { total: first.total, count, rows: rows() };
}

/** Each row of a streamed export shaped for its sheet (e.g. room numbers joined), one row at a time. */
export async function* mapRows<T, U>(rows: Iterable<T> | AsyncIterable<T>, f: (row: T) => U): AsyncGenerator<U> {
  for await (const r of rows) yield f(r);
}

/**
 * Answers an export as a streamed .xlsx: the rows are written to the reply as they are read
 * (`rows` from `batchedRows`, or a small array), with the localized file name as `sendXlsx` gives
 * it. A failure after the first byte can no longer become an error answer: the file is then cut
 * short (the client sees a broken download) and the error is logged.
 */
export function streamXlsx(
  reply: FastifyReply,
  opts: { columns: ExcelColumn[]; rows: RowSource; locale: Locale; sheetName: string; fileName: string },
) {
  const out = new PassThrough();
  writeXlsxStream(out, opts.columns, opts.rows, opts.locale, opts.sheetName).catch((err: unknown) => {
    reply.log.error({ err }, 'export failed while streaming');
    out.destroy(err as Error);
  });
  return xlsxHeaders(reply, opts.fileName).send(out);
}

function xlsxHeaders(reply: FastifyReply, baseName: string) {
  const name = `${baseName}-${cnToday()}.xlsx`;
  return reply
    .header('content-type', XLSX_MIME)
    .header('content-disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`);
}

/** Sends a workbook with an RFC 5987 UTF-8 file name (Chinese names survive every browser). */
export function sendXlsx(reply: FastifyReply, buf: Buffer, baseName: string) {
  return xlsxHeaders(reply, baseName).send(buf);
}

/**
 * Reads the single uploaded file of a multipart request into memory (size capped by the multipart
 * limits). Every upload and import goes through here, so a body the client cut short or garbled
 * (no boundary, truncated mid-part) is answered here once for all: a 400 UPLOAD_INCOMPLETE, not
 * the parser's exception as a 500. Form fields and the file name holding text the database cannot
 * store (NUL) are refused the same way as in a JSON body.
 */
export async function readUpload(
  req: FastifyRequest,
  maxMb = 20,
): Promise<{ buffer: Buffer; filename: string; fields: Record<string, string> }> {
  if (!req.isMultipart())
    throw badRequest(
      'VALIDATION_FAILED',
      { fields: 'file' },
      {
        fields: [
          { field: 'file', message: req.locale === 'en' ? 'upload a file (multipart/form-data)' : '请上传文件（multipart/form-data）' },
        ],
      },
    );
  const malformed = (err: unknown): never => {
    const e = err as { code?: string; statusCode?: number };
    if (err instanceof AppError) throw err;
    if (e.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'FILE_TOO_LARGE', { max: maxMb });
    // The multipart plugin's own limits (too many files or fields) keep their 4xx.
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) throw err;
    throw badRequest('UPLOAD_INCOMPLETE');
  };
  const file = await req.file().catch(malformed);
  if (!file)
    throw badRequest(
      'VALIDATION_FAILED',
      { fields: 'file' },
      { fields: [{ field: 'file', message: req.locale === 'en' ? 'is required' : '必填' }] },
    );
  const buffer = await file.toBuffer().catch(malformed);
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(file.fields)) {
    const f = v as { type?: string; value?: unknown };
    if (f && f.type === 'field') fields[k] = String(f.value);
  }
  const bad = findBadText({ ...fields, file: file.filename });
  if (bad) throw badTextError(req.locale, bad);
  return { buffer, filename: file.filename, fields };
}

/**
 * The answer of an all-or-nothing import. When every row was written: the report. When a row
 * failed (and so nothing was written): a 422 in the common error shape, IMPORT_FAILED ("{count}
 * problems; nothing was imported"), with the same report (`{ imported, errors: [{ row, column,
 * message }] }`) in `details`, so every import answers its failure the way every other error is
 * answered.
 *
 *   importRows: async (req) => importOutcome(await svc.importRows(ctx, (await readUpload(req)).buffer)),
 */
export function importOutcome<T extends { errors: unknown[] }>(res: T): T {
  if (res.errors.length) throw new AppError(422, 'IMPORT_FAILED', { count: res.errors.length }, res);
  return res;
}

// ---------- tables from other systems (bank, issuer and meter portals) ----------

/** "2026-03-02 09:15[:00]" or "2026/3/2 9:15" (China time) or ISO 8601 with an offset → a Date; null when unreadable. */
export function parseCnTime(v: string): Date | null {
  const s = v.trim();
  if (/(Z|[+-]\d{2}:\d{2})$/.test(s) && /^\d{4}-\d{2}-\d{2}T/.test(s)) {
    const t = Date.parse(s);
    return Number.isNaN(t) ? null : new Date(t);
  }
  const m = s.match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/);
  if (!m) return null;
  const [, y, mo, d, h, mi, se] = m;
  const p = (x: string | undefined) => (x ?? '0').padStart(2, '0');
  const iso = `${y}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}:${p(se)}+08:00`;
  const t = Date.parse(iso);
  // Reject 2026-02-30 and the like: the parsed moment must read back as the same wall time.
  if (Number.isNaN(t) || new Date(t + 8 * 3_600_000).toISOString().slice(0, 19) !== iso.slice(0, 19)) return null;
  return new Date(t);
}

/** Splits CSV text (RFC 4180 quoting) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((x) => x.trim() !== ''));
}

/**
 * An uploaded table (statement, readings) as an .xlsx the shared parser reads: CSV (UTF-8 with or without BOM, else GBK,
 * as bank and issuer portals export it) becomes a sheet of text cells; in a workbook, date-time
 * cells become "YYYY-MM-DD HH:mm:ss" text (wall time, as Excel shows it) so the time survives
 * (with `datesAtMidnightAsDays`, a cell at 00:00:00 becomes just "YYYY-MM-DD").
 */
export async function tabularWorkbook(
  buf: Buffer,
  filename: string,
  locale: 'zh-CN' | 'en',
  opts: { datesAtMidnightAsDays?: boolean } = {},
): Promise<Buffer> {
  const isZip = buf.length > 3 && buf[0] === 0x50 && buf[1] === 0x4b;
  const wb = new (await loadExcelJS()).Workbook();
  if (!isZip || /\.csv$/i.test(filename)) {
    let text = new TextDecoder('utf-8').decode(buf);
    if (text.includes('\uFFFD')) text = new TextDecoder('gbk').decode(buf);
    text = text.replace(/^\uFEFF/, '');
    const rows = parseCsv(text);
    if (!rows.length) throw badRequest('IMPORT_BAD_FILE', { reason: locale === 'en' ? 'the file is empty' : '文件为空' });
    const ws = wb.addWorksheet('statement');
    for (const r of rows) ws.addRow(r.map((x) => x.trim()));
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw badRequest('IMPORT_BAD_FILE', { reason: locale === 'en' ? 'not an .xlsx workbook or CSV file' : '不是 .xlsx 工作簿或 CSV 文件' });
  }
  for (const ws of wb.worksheets)
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (!(cell.value instanceof Date)) return;
        const text = cell.value.toISOString().slice(0, 19).replace('T', ' ');
        // A date typed without a time reads as that day, not as its first instant, when the importer says so.
        cell.value = opts.datesAtMidnightAsDays && text.endsWith(' 00:00:00') ? text.slice(0, 10) : text;
      }),
    );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
