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
