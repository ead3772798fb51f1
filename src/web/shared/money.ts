import { fenToYuan, toFen } from '../../contracts/money';

/**
 * The web's one money toolkit. The server sends money as the exact string "1234.50"
 * (`ZMoneyOut`); forms send strings too (`ZMoney` accepts them). Sums on the page are made in
 * fen (`toFen`/`sumYuan`), never with floats, and every amount is shown with `formatMoney`.
 */
export { fenToYuan, sumYuan, toFen } from '../../contracts/money';

/**
 * "1234567.5" → "1,234,567.50" (two decimals, thousands grouped the same way in zh-CN and en),
 * worked on the digits so a large amount keeps every fen. A number is taken to the nearest fen;
 * null, undefined or an unreadable value shows `empty` ("—").
 */
export function formatMoney(v: string | number | bigint | null | undefined, empty = '—'): string {
  if (v === null || v === undefined || v === '') return empty;
  let fen: bigint;
  try {
    fen = typeof v === 'bigint' ? v : typeof v === 'number' ? BigInt(Math.round(v * 100)) : toFen(v);
  } catch {
    return empty;
  }
  const [int, frac] = fenToYuan(fen).split('.') as [string, string];
  const neg = int.startsWith('-');
  const digits = neg ? int.slice(1) : int;
  return `${neg ? '-' : ''}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

/**
 * An amount in 万元 (ten thousand yuan) for headline figures: "17302500.00" → "1,730.25",
 * rounded half-up to two decimals on the fen, never through a float. The caller adds the unit
 * from its messages ("{n} 万元" / "{n} × 10,000 yuan").
 */
export function formatWan(v: string | number | null | undefined, empty = '—'): string {
  if (v === null || v === undefined || v === '') return empty;
  let fen: bigint;
  try {
    fen = typeof v === 'number' ? BigInt(Math.round(v * 100)) : toFen(v);
  } catch {
    return empty;
  }
  // 1 万元 = 1,000,000 fen; keep two decimals of 万 = units of 10,000 fen.
  const neg = fen < 0n;
  const a = neg ? -fen : fen;
  return formatMoney((neg ? -1n : 1n) * ((a + 5_000n) / 10_000n));
}
