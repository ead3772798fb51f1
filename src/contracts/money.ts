/**
 * Exact money, shared by the server and the web. Amounts travel as decimal strings with two
 * places ("1730.50", see `ZMoney`/`ZMoneyOut` in common.ts) and are added and compared in fen
 * as BigInt (or in SQL `numeric` on the server); a JS float never holds a yuan amount.
 */
export function toFen(yuan: string | number | null | undefined): bigint {
  if (yuan === null || yuan === undefined || yuan === '') return 0n;
  const s = String(yuan).trim();
  const m = /^(-?)(\d+)(?:\.(\d{1,}))?$/.exec(s);
  if (!m) throw new Error(`not a money amount: ${s}`);
  const frac = (m[3] ?? '').padEnd(2, '0');
  if (frac.length > 2 && /[^0]/.test(frac.slice(2))) throw new Error(`more than two decimals: ${s}`);
  const fen = BigInt(m[2] as string) * 100n + BigInt(frac.slice(0, 2));
  return m[1] ? -fen : fen;
}

/** Fen → "1234.56" (negative amounts keep their sign). */
export function fenToYuan(fen: bigint): string {
  const neg = fen < 0n;
  const a = neg ? -fen : fen;
  return `${neg ? '-' : ''}${(a / 100n).toString()}.${(a % 100n).toString().padStart(2, '0')}`;
}

/** Sum of decimal amounts, exactly. */
export function sumYuan(values: Iterable<string | number | null | undefined>): string {
  let t = 0n;
  for (const v of values) t += toFen(v);
  return fenToYuan(t);
}

// Display: one format for every amount on the web, the prints and the audit log (the server's
// readable audit values use it too, so it lives here beside the arithmetic).
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

/** "1234.5" → "¥1,234.50"; nothing → `empty`. */
export function formatYuan(v: string | number | bigint | null | undefined, empty = '—'): string {
  const s = formatMoney(v, '');
  if (!s) return empty;
  return s.startsWith('-') ? `-¥${s.slice(1)}` : `¥${s}`;
}
