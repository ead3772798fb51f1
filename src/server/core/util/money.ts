/**
 * Exact money. Amounts travel as decimal strings with two places ("1730.50", see `ZMoney`)
 * and are added and compared here in fen as BigInt, or in SQL `numeric`; a JS float never
 * holds a yuan amount in the asset, supplies and procurement modules.
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

/**
 * numerator ÷ denominator rounded half-up to `digits` decimals, as a number (a ratio such as a
 * savings rate 0.1202 is a fraction, not money, so a number is the right type for it).
 * Returns null when the denominator is zero.
 */
export function ratioOf(numerator: bigint, denominator: bigint, digits = 4): number | null {
  if (denominator === 0n) return null;
  const scale = 10n ** BigInt(digits);
  const neg = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * scale * 2n + d) / (2n * d);
  return Number(neg ? -q : q) / Number(scale);
}
