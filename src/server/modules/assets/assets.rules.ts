import { fenToYuan, toFen } from '../../core';
import type { DisposalTier } from './assets.ruletables';

export type { DisposalTier };

/**
 * Pure rules of the asset module (no database): category matching, disposal approval tiers
 * and straight-line depreciation. Money goes in and out as decimal strings; arithmetic in fen.
 */

/**
 * GB/T 14885 codes are hierarchical by pairs of digits: A050000 (level 1) ⊃ A050100 ⊃ A050103.
 * A category matches itself and its descendants, i.e. every code starting with its code
 * stripped of trailing "00" pairs (A050100 → A0501). Used as `category_code like prefix || '%'`.
 */
export function categoryPrefix(code: string): string {
  let p = code.trim().toUpperCase();
  while (p.length > 3 && p.endsWith('00')) p = p.slice(0, -2);
  return p;
}
export const categoryMatches = (category: string, code: string) => code.toUpperCase().startsWith(categoryPrefix(category));

/** The tier of rule `asset_disposal_thresholds` for a total original value: the first whose limit is ≥ the value (limits inclusive). */
export function disposalTier(tiers: DisposalTier[], totalYuan: string): { index: number; tier: DisposalTier } {
  const v = toFen(totalYuan);
  const index = tiers.findIndex((t) => t.upToYuan === null || v <= toFen(t.upToYuan));
  const i = index < 0 ? tiers.length - 1 : index;
  return { index: i, tier: tiers[i]! };
}

/** Whole months from the purchase month to `onDate`'s month, counting the purchase month (当月增加当月计提). */
export function monthsInUse(purchaseDate: string, onDate: string): number {
  const [y1, m1] = purchaseDate.split('-').map(Number) as [number, number];
  const [y2, m2] = onDate.split('-').map(Number) as [number, number];
  return Math.max(0, (y2 - y1) * 12 + (m2 - m1) + 1);
}

/** Straight-line monthly depreciation without residual value; lifeYears 0 means not depreciated. */
export function netValue(originalYuan: string, purchaseDate: string, lifeYears: number, onDate: string) {
  const original = toFen(originalYuan);
  if (!lifeYears || onDate < purchaseDate) return { accumulated: '0.00', net: fenToYuan(original), months: 0 };
  const life = lifeYears * 12;
  const months = Math.min(life, monthsInUse(purchaseDate, onDate));
  // Half-up rounding to the fen, in integers.
  const acc = (original * BigInt(months) * 2n + BigInt(life)) / (2n * BigInt(life));
  return { accumulated: fenToYuan(acc), net: fenToYuan(original - acc), months };
}

/** Scrap before the end of the category life needs a written reason. */
export const isEarlyScrap = (purchaseDate: string, lifeYears: number, onDate: string) =>
  lifeYears > 0 && monthsInUse(purchaseDate, onDate) < lifeYears * 12;
