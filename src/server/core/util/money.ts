/**
 * Exact money. Amounts travel as decimal strings with two places ("1730.50", see `ZMoney`)
 * and are added and compared in fen as BigInt, or in SQL `numeric`; a JS float never holds a
 * yuan amount. The fen arithmetic lives in contracts/money.ts so the web uses the same code.
 */
import { fenToYuan, toFen } from '../../../contracts/money';

export { fenToYuan, sumYuan, toFen } from '../../../contracts/money';

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

/**
 * Any money value (a numeric string read by raw SQL, a `moneyColumn` value, a JSON number with
 * at most two decimals) as the normalised "1234.50" every contract sends (`ZMoneyOut`).
 */
export const toYuan = (v: string | number | null | undefined): string => fenToYuan(toFen(v));
/** `toYuan`, keeping null (and undefined) as null. */
export const toYuanOrNull = (v: string | number | null | undefined): string | null => (v === null || v === undefined ? null : toYuan(v));
