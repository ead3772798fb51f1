import { utcDay } from '../../core';

/**
 * The office-area standards engine: pure functions over the `office_area_standard` rule
 * table (reference data, versioned) and the facts of who sits where. No numbers live here;
 * they come from the rule (seeded from docs/regulations.md §1, declared in office.ruletables.ts, edited by administrators).
 */
import { z } from 'zod';

// The shape of the `office_area_standard` data (declared in office.ruletables.ts); kept here,
// beside the engine that reads it, so the engine has no import back into the module's wiring.
/** ㎡ by GB/T 12407 post level (e.g. '131' 正处级) within one agency level. */
const ZAreaRow = z.record(z.string().regex(/^\d{3}$/), z.number().positive().max(200));
/** A row the provinces set themselves (township): no figure yet. */
const ZUnsetRow = z.object({ unconfirmed: z.literal(true), note: z.string().optional() }).strict();

/**
 * A row is either figures or "set by the province"; chosen by the `unconfirmed` key rather
 * than as a zod union, so an error names the failing cell (standards.county.131) instead of
 * the whole row.
 */
const ZStandardRow = z.custom<z.infer<typeof ZAreaRow> | z.infer<typeof ZUnsetRow>>().superRefine((row, ctx) => {
  const isUnset = typeof row === 'object' && row !== null && 'unconfirmed' in row;
  const parsed = (isUnset ? ZUnsetRow : ZAreaRow).safeParse(row);
  if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ ...issue } as Parameters<typeof ctx.addIssue>[0]);
});

export const ZAreaRule = z.object({
  unit: z.literal('m2').optional(),
  /** (agency level, post level) → ㎡ of office use area per person. */
  standards: z.record(z.string(), ZStandardRow),
  leaderToiletMaxM2: z.number().nonnegative(),
  serviceRoomPerPerson: z.object({ min: z.number().nonnegative(), max: z.number().nonnegative() }),
  equipmentRoomShare: z.number().min(0).max(1).optional(),
  usableCoefficient: z.object({ multiStorey: z.number().min(0).max(1), highRise: z.number().min(0).max(1) }).optional(),
  recoverWithinMonths: z.object({ transfer: z.number().int().nonnegative(), concurrentPost: z.number().int().nonnegative() }),
  majorRepairMaxAreaIncrease: z.number().min(0).max(1),
});
export type AreaRule = z.infer<typeof ZAreaRule>;
export type AreaRow = Record<string, number>;

export const round2 = (n: number) => Math.round((n + Number.EPSILON) * 100) / 100;

const numericRow = (row: AreaRule['standards'][string] | undefined): AreaRow | null => {
  if (!row || 'unconfirmed' in row) return null;
  return row as AreaRow;
};

/**
 * ㎡ a person may use: the row of the unit's agency level, the column of the person's post
 * level. Township rows are set by each province; until a province publishes its row, the
 * county row applies, capped at the county deputy's figure ("原则上不超过县级副职").
 * Null when the table has no figure (e.g. a county unit has no 省部级 posts).
 */
export function entitledArea(rule: AreaRule, agencyLevel: string, postLevel: string): number | null {
  const row = numericRow(rule.standards[agencyLevel]);
  if (row) return row[postLevel] ?? null;
  if (agencyLevel === 'township') {
    const county = numericRow(rule.standards.county);
    const v = county?.[postLevel];
    const cap = county?.['132'];
    if (v === undefined) return null;
    return cap === undefined ? v : Math.min(v, cap);
  }
  return null;
}

/** Leaders are those whose standard is above the lowest figure of their row (科员 and below). */
export function isLeader(rule: AreaRule, agencyLevel: string, postLevel: string): boolean {
  const e = entitledArea(rule, agencyLevel, postLevel);
  const row = numericRow(rule.standards[agencyLevel]) ?? numericRow(rule.standards.county);
  if (e === null || !row) return false;
  return e > Math.min(...Object.values(row));
}

/** A room a person occupies today, with what counts towards its area. */
export type OccupiedRoom = {
  roomId: number;
  number: string;
  area: number;
  /** Current occupants of the room (≥ 1): a shared room's area is divided among them. */
  occupants: number;
  kind: 'primary' | 'concurrent';
  /** Rest rooms and toilets inside a leader's suite. */
  suite: { useType: string; area: number }[];
};

/**
 * Area a suite counts for: the office, its rest room in full, and a toilet only beyond the
 * allowance (a toilet of up to `leaderToiletMaxM2` inside the suite is not counted).
 */
export function suiteArea(rule: AreaRule, room: Pick<OccupiedRoom, 'area' | 'suite'>): number {
  let a = room.area;
  for (const s of room.suite) a += s.useType === 'toilet' ? Math.max(0, s.area - rule.leaderToiletMaxM2) : s.area;
  return a;
}

export type Assessment = {
  entitledArea: number | null;
  actualArea: number;
  overStandard: boolean;
  excessArea: number;
  rooms: { roomId: number; number: string; area: number; share: number; occupants: number }[];
};

/**
 * One person's finding: the actual area is the sum over primary rooms of the room's counted
 * area divided by its occupants. A room kept for a concurrent post is allowed while the post
 * is held and is tracked by the recovery deadlines instead.
 */
export function assess(rule: AreaRule, agencyLevel: string, postLevel: string, rooms: OccupiedRoom[]): Assessment {
  const entitled = entitledArea(rule, agencyLevel, postLevel);
  let actual = 0;
  const out: Assessment['rooms'] = [];
  for (const r of rooms) {
    const counted = suiteArea(rule, r);
    const share = round2(counted / Math.max(1, r.occupants));
    if (r.kind === 'primary') actual += share;
    out.push({ roomId: r.roomId, number: r.number, area: round2(counted), share, occupants: r.occupants });
  }
  actual = round2(actual);
  const excess = entitled === null ? 0 : round2(Math.max(0, actual - entitled));
  return { entitledArea: entitled, actualArea: actual, overStandard: excess > 0, excessArea: excess, rooms: out };
}

/** The service-room area per person against the 5–10 ㎡ guide. */
export function serviceStatus(rule: AreaRule, perCapita: number | null): 'below' | 'within' | 'above' | 'n/a' {
  if (perCapita === null) return 'n/a';
  if (perCapita < rule.serviceRoomPerPerson.min) return 'below';
  if (perCapita > rule.serviceRoomPerPerson.max) return 'above';
  return 'within';
}

/** ISO date plus whole months, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return utcDay(target);
}

export const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** Checks a 隔 (partition) plan: the parts may not add up to more than the room. */
export function partitionFits(roomArea: number, parts: { area: number }[]): { ok: boolean; sum: number } {
  const sum = round2(parts.reduce((s, p) => s + p.area, 0));
  return { ok: sum <= roomArea + 1e-9, sum };
}
