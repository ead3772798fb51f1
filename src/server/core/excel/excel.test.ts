import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type ExcelColumn, batchedRows, exportRows, mapRows } from './excel';

const collect = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

/** A list service over 0..n-1, recording the pages asked for. */
const source = (n: number) => {
  const asked: [number, number][] = [];
  const read = async (page: number, pageSize: number) => {
    asked.push([page, pageSize]);
    const from = (page - 1) * pageSize;
    return { total: n, items: Array.from({ length: Math.max(0, Math.min(pageSize, n - from)) }, (_, i) => from + i) };
  };
  return { asked, read };
};

describe('batchedRows', () => {
  it('reads the first batch at once, then yields every row once, in order, one batch at a time', async () => {
    const s = source(2_500);
    const src = await batchedRows(s.read, { batch: 1000 });
    expect(s.asked).toEqual([[1, 1000]]);
    expect(src).toMatchObject({ total: 2_500, count: 2_500 });
    const rows = await collect(src.rows);
    expect(rows).toEqual(Array.from({ length: 2_500 }, (_, i) => i));
    expect(s.asked).toEqual([
      [1, 1000],
      [2, 1000],
      [3, 1000],
    ]);
  });

  it('stops at the maximum and does not read past the total', async () => {
    const capped = source(5_000);
    const src = await batchedRows(capped.read, { batch: 1000, max: 1_500 });
    expect(src).toMatchObject({ total: 5_000, count: 1_500 });
    expect(await collect(src.rows)).toHaveLength(1_500);
    expect(capped.asked).toHaveLength(2);

    const exact = source(2_000);
    expect(await collect((await batchedRows(exact.read, { batch: 1000 })).rows)).toHaveLength(2_000);
    expect(exact.asked).toHaveLength(2);

    const empty = source(0);
    expect(await collect((await batchedRows(empty.read, { batch: 1000 })).rows)).toEqual([]);
  });
});

describe('exportRows (the streaming writer into memory)', () => {
  const columns: ExcelColumn[] = [
    { key: 'name', headerZh: '名称', headerEn: 'Name', type: 'string' },
    { key: 'amount', headerZh: '金额', headerEn: 'Amount', type: 'money' },
    { key: 'kind', headerZh: '类别', headerEn: 'Kind', type: 'enum', enum: [{ code: 'a', labelZh: '甲类', labelEn: 'Class A' }] },
  ];

  it('writes localized bold headers frozen with a filter, labels for codes and money as numbers', async () => {
    const rows = mapRows([{ n: 'x', m: '1234.50', k: 'a' }], (r) => ({ name: r.n, amount: r.m, kind: r.k }));
    const buf = await exportRows(columns, rows, 'en', 'Sheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Sheet');
    expect(ws.getRow(1).values).toEqual([undefined, 'Name', 'Amount', 'Kind']);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:C1');
    expect(ws.getRow(2).values).toEqual([undefined, 'x', 1234.5, 'Class A']);
    expect(ws.getCell('B2').numFmt).toBe('#,##0.00');
  });
});
