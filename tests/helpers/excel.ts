import ExcelJS from 'exceljs';
import type { App } from '../../src/server/app';
import type { Session } from './app';

/** Builds an .xlsx in memory: first row headers, then rows. */
export async function workbook(headers: string[], rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function readWorkbook(buf: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const out: string[][] = [];
  ws.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return out;
}

/** One row's cells as stored: the value and its number format (a money cell is a number shown as `#,##0.00`). */
export async function readRowCells(buf: Buffer, rowIncludes: string): Promise<{ value: unknown; numFmt?: string }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  let out: { value: unknown; numFmt?: string }[] = [];
  ws.eachRow((row) => {
    const cells: { value: unknown; numFmt?: string }[] = [];
    row.eachCell({ includeEmpty: true }, (c) => cells.push({ value: c.value, numFmt: c.numFmt }));
    if (cells.some((c) => c.value === rowIncludes)) out = cells;
  });
  return out;
}

/** Posts a file as multipart/form-data through app.inject, with the session's cookie and CSRF token. */
export function upload(app: App, s: Session, url: string, file: Buffer, filename = 'upload.xlsx', fields: Record<string, string> = {}) {
  const boundary = `----houqin${Date.now()}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
  );
  parts.push(file);
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return app.inject({
    method: 'POST',
    url,
    headers: { ...s.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
}
