import { toFen } from '../../core';
import { M } from './vehicles.messages';

/**
 * The vehicle caps (公务用车配备标准) as pure functions over the `vehicle_caps` rule table.
 * Every figure — price and displacement caps, the share of the quota a unit may hold, the
 * replacement age and mileage, which energies are "new energy" — comes from the rule version
 * passed in; nothing regulated is written here.
 */
import type { Cap, VehicleCapsRule } from './vehicles.ruletables';

export type { Cap, VehicleCapsRule };

export type CheckResult = { rule: string; passed: boolean; code: string; params: Record<string, string | number> };
const ok = (rule: string, code: string, params: Record<string, string | number> = {}): CheckResult => ({
  rule,
  passed: true,
  code,
  params,
});
const fail = (rule: string, code: string, params: Record<string, string | number> = {}): CheckResult => ({
  rule,
  passed: false,
  code,
  params,
});

export const isNewEnergy = (rule: VehicleCapsRule, energy: string) => rule.newEnergyEnergies.includes(energy);

/**
 * The cap that applies to a vehicle: a special body type (bus) first, then the new-energy
 * sedan line for a new-energy sedan, else the cap of its type. Null when the rule names none.
 */
export function capFor(
  rule: VehicleCapsRule,
  v: { type: string; bodyType: string; energy: string; whereNeeded?: boolean },
): { cap: Cap; source: string } | null {
  const body = rule.byBodyType?.[v.bodyType];
  if (body) return { cap: body, source: `body:${v.bodyType}` };
  if (rule.newEnergySedan && v.bodyType === 'sedan' && isNewEnergy(rule, v.energy))
    return { cap: rule.newEnergySedan, source: 'new_energy_sedan' };
  const byType = rule.byType[v.type];
  // 执法执勤: the higher line "where needed" (18万 / 1.8 L), claimed with a written reason.
  if (byType?.whereNeeded && v.whereNeeded) return { cap: byType.whereNeeded, source: `type:${v.type}:where_needed` };
  return byType
    ? { cap: { priceCapYuan: byType.priceCapYuan, displacementCapL: byType.displacementCapL }, source: `type:${v.type}` }
    : null;
}

export function checkPrice(
  rule: VehicleCapsRule,
  v: { type: string; bodyType: string; energy: string; price: string; whereNeeded?: boolean },
): CheckResult {
  const cap = capFor(rule, v)?.cap.priceCapYuan ?? null;
  if (cap === null) return ok('price', M.VCHECK_PRICE_NONE);
  // Compared in fen: the price is exact money ("180000.01"), the cap whole yuan.
  return toFen(v.price) <= toFen(cap)
    ? ok('price', M.VCHECK_PRICE_OK, { price: v.price, cap })
    : fail('price', M.VCHECK_PRICE_FAIL, { price: v.price, cap });
}

/** Battery-electric vehicles have no displacement; a missing displacement where a cap applies fails. */
export function checkDisplacement(
  rule: VehicleCapsRule,
  v: { type: string; bodyType: string; energy: string; displacement?: number | null; whereNeeded?: boolean },
): CheckResult {
  const cap = capFor(rule, v)?.cap.displacementCapL ?? null;
  if (cap === null || v.energy === 'electric') return ok('displacement', M.VCHECK_DISPLACEMENT_NONE);
  if (v.displacement == null) return fail('displacement', M.VCHECK_DISPLACEMENT_MISSING, { cap });
  return v.displacement <= cap
    ? ok('displacement', M.VCHECK_DISPLACEMENT_OK, { value: v.displacement, cap })
    : fail('displacement', M.VCHECK_DISPLACEMENT_FAIL, { value: v.displacement, cap });
}

export function checkDomestic(rule: VehicleCapsRule, v: { domestic: boolean }): CheckResult {
  return !rule.domesticOnly || v.domestic ? ok('domestic', M.VCHECK_DOMESTIC_OK) : fail('domestic', M.VCHECK_DOMESTIC_FAIL);
}

export function checkLeaderSuv(rule: VehicleCapsRule, v: { leaderFixed?: boolean; bodyType: string }): CheckResult {
  if (!v.leaderFixed) return ok('leader_no_suv', M.VCHECK_SUV_NA);
  return rule.noSuvForLeaderFixedCar && rule.suvBodyTypes.includes(v.bodyType)
    ? fail('leader_no_suv', M.VCHECK_SUV_FAIL)
    : ok('leader_no_suv', M.VCHECK_SUV_OK);
}

/** New energy first: a fuel vehicle passes only with a written reason (when the rule asks for one). */
export function checkNewEnergy(rule: VehicleCapsRule, v: { energy: string; fuelReason?: string | null }): CheckResult {
  if (isNewEnergy(rule, v.energy)) return ok('new_energy_first', M.VCHECK_NEW_ENERGY_OK);
  const reason = v.fuelReason?.trim();
  if (reason) return ok('new_energy_first', M.VCHECK_NEW_ENERGY_REASON, { reason });
  return rule.fuelNeedsReason
    ? fail('new_energy_first', M.VCHECK_NEW_ENERGY_FAIL)
    : ok('new_energy_first', M.VCHECK_NEW_ENERGY_REASON, { reason: '—' });
}

/**
 * A unit's cap: its quota (编制数) times the rule's ratio, rounded DOWN — a unit may never
 * hold more than the share, so 3 × 0.7 = 2.1 allows 2 vehicles. The epsilon keeps a product
 * such as 10 × 0.7 (7.000…01 or 6.999…9 in binary floating point) at 7.
 */
export function unitCap(quota: number, ratio: number): number {
  return Math.max(0, Math.floor(quota * ratio + 1e-9));
}

/**
 * Quota: vehicles held (not disposed) plus purchases in progress (pending or approved, not yet
 * delivered) must stay below the cap for one more to fit. Replacing one of the unit's own
 * vehicles does not add to the count.
 */
export function checkQuota(
  rule: VehicleCapsRule,
  q: { quota: number; actual: number; pending: number; replacementInUnit: boolean },
): CheckResult {
  if (q.replacementInUnit) return ok('quota', M.VCHECK_QUOTA_REPLACEMENT);
  const cap = unitCap(q.quota, rule.unitCapRatio);
  const params = { actual: q.actual, pending: q.pending, cap, quota: q.quota, ratio: rule.unitCapRatio };
  return q.actual + q.pending < cap ? ok('quota', M.VCHECK_QUOTA_OK, params) : fail('quota', M.VCHECK_QUOTA_FAIL, params);
}

/** Whole years from `from` to `to` (both YYYY-MM-DD); a birthday-style count. */
export function fullYears(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
}

/** Replacement only after the service life OR the mileage in the rule, whichever comes first. */
export function checkReplacement(
  rule: VehicleCapsRule,
  old: { plate: string; purchaseDate: string; odometerKm: number },
  onDate: string,
): CheckResult {
  const years = fullYears(old.purchaseDate, onDate);
  const params = { plate: old.plate, years, km: old.odometerKm, minYears: rule.replacement.years, minKm: rule.replacement.km };
  return years >= rule.replacement.years || old.odometerKm >= rule.replacement.km
    ? ok('replacement', M.VCHECK_REPLACEMENT_OK, params)
    : fail('replacement', M.VCHECK_REPLACEMENT_FAIL, params);
}

export type PurchaseFacts = {
  type: string;
  bodyType: string;
  energy: string;
  /** Yuan, exact ("180000.00"). */
  price: string;
  displacement?: number | null;
  domestic: boolean;
  leaderFixed?: boolean;
  fuelReason?: string | null;
  whereNeeded?: boolean;
  whereNeededReason?: string | null;
};

/** Claiming a type's higher "where needed" line needs a written reason, and the type must have one. */
export function checkWhereNeeded(rule: VehicleCapsRule, v: PurchaseFacts): CheckResult | null {
  if (!v.whereNeeded) return null;
  if (!rule.byType[v.type]?.whereNeeded) return fail('where_needed', M.VCHECK_WHERE_NEEDED_NONE);
  return v.whereNeededReason?.trim()
    ? ok('where_needed', M.VCHECK_WHERE_NEEDED_OK, { reason: v.whereNeededReason.trim() })
    : fail('where_needed', M.VCHECK_WHERE_NEEDED_REASON);
}

/** Every check of a purchase request, in a fixed order; the quota and replacement facts come from the database. */
export function purchaseChecks(
  rule: VehicleCapsRule,
  v: PurchaseFacts,
  unit: { quota: number; actual: number; pending: number },
  replaced: { plate: string; purchaseDate: string; odometerKm: number; sameUnit: boolean } | null,
  onDate: string,
): CheckResult[] {
  const out = [
    checkPrice(rule, v),
    checkDisplacement(rule, v),
    checkDomestic(rule, v),
    checkLeaderSuv(rule, v),
    checkNewEnergy(rule, v),
    checkQuota(rule, { ...unit, replacementInUnit: !!replaced?.sameUnit }),
  ];
  const needed = checkWhereNeeded(rule, v);
  if (needed) out.push(needed);
  if (replaced) out.push(checkReplacement(rule, replaced, onDate));
  return out;
}

/** A transfer (划拨): the receiving unit must have room under its cap. */
export function checkReceiver(rule: VehicleCapsRule, q: { quota: number; actual: number; pending: number }): CheckResult {
  const cap = unitCap(q.quota, rule.unitCapRatio);
  const actual = q.actual + q.pending;
  return actual < cap
    ? ok('receiver_quota', M.VCHECK_RECEIVER_QUOTA_OK, { actual, cap })
    : fail('receiver_quota', M.VCHECK_RECEIVER_QUOTA_FAIL, { actual, cap });
}
