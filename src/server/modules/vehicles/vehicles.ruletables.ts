import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Executor, type RulePreviewInput, defineRuleTable, queryRows } from '../../core';
import { TRIP_PLAUSIBILITY_RULE } from './trip-plausibility';

const SOURCE = 'docs/regulations.md §2 vehicle_caps —《党政机关公务用车管理办法》（中办发〔2017〕71号）';

/** A price cap in yuan and a displacement cap in litres; null = no cap of that kind. */
export const ZCap = z.object({
  priceCapYuan: z.number().positive().nullable(),
  displacementCapL: z.number().positive().max(10).nullable(),
});
export type Cap = z.infer<typeof ZCap>;

export const ZVehicleCapsRule = z.object({
  /** By vehicle type code (code list vehicle_type). */
  byType: z.record(z.string().min(1), ZCap.extend({ whereNeeded: ZCap.optional() })),
  /** Special cases by body type (buses): they replace the type's cap. */
  byBodyType: z.record(z.string().min(1), ZCap).optional(),
  /** New-energy sedans: their own price cap, no displacement cap. */
  newEnergySedan: ZCap.optional(),
  newEnergyEnergies: z.array(z.string().min(1)),
  suvBodyTypes: z.array(z.string().min(1)),
  domesticOnly: z.boolean(),
  noSuvForLeaderFixedCar: z.boolean(),
  fuelNeedsReason: z.boolean(),
  newEnergyMinShareCentral: z.number().min(0).max(1).optional(),
  /** Share of the quota a unit may hold (0–1]. */
  unitCapRatio: z.number().gt(0).max(1),
  replacement: z.object({ years: z.number().int().positive(), km: z.number().int().positive(), unconfirmed: z.boolean().optional() }),
});
export type VehicleCapsRule = z.infer<typeof ZVehicleCapsRule>;

/** Version 1's shape (codes of the regulation, not of the vehicles module): history only. */
const ZVehicleCapsV1 = z.object({ byType: z.record(z.string(), z.unknown()) }).passthrough();

/**
 * Effect of a candidate on the units' caps (quota × ratio, rounded down, as `unitCap` in
 * caps.ts): how many units hold more vehicles than their cap now and would with the candidate.
 */
async function previewCaps(db: Executor, { current, candidate, locale, tenantId }: RulePreviewInput<VehicleCapsRule>) {
  const rows = await queryRows<{ quota: number; held: number }>(
    db,
    sql`select q.quota, (select count(*)::int from vehicles v where v.org_id = q.org_id and v.status <> 'disposed') as held
        from vehicle_quotas q where q.tenant_id = ${tenantId}`,
  );
  // The same rounding as caps.ts `unitCap` (not imported: caps.ts reads its types from here).
  const over = (ratio: number | undefined) =>
    ratio === undefined ? 0 : rows.filter((r) => Number(r.held) > Math.max(0, Math.floor(Number(r.quota) * ratio + 1e-9))).length;
  const en = locale === 'en';
  return [
    { label: en ? 'Units holding more vehicles than their cap now' : '当前车辆数超过上限的单位', value: over(current?.unitCapRatio) },
    {
      label: en ? 'Units holding more vehicles than their cap with this version' : '按新版本车辆数超过上限的单位',
      value: over(candidate.unitCapRatio),
    },
  ];
}

export const VEHICLE_CAPS_RULE = defineRuleTable({
  name: 'vehicle_caps',
  module: 'vehicles',
  titleZh: '公务用车配备标准',
  titleEn: 'Official vehicle caps',
  schema: ZVehicleCapsRule,
  preview: previewCaps,
  versions: [
    {
      version: 1,
      effectiveFrom: '2017-12-01',
      titleZh: '公务用车配备标准',
      titleEn: 'Official vehicle caps',
      source: SOURCE,
      legacySchema: ZVehicleCapsV1,
      data: {
        byType: {
          confidential: { priceCapYuan: 120000, displacementCapL: 1.6 },
          emergency: { priceCapYuan: 180000, displacementCapL: 1.8 },
          enforcement: { priceCapYuan: 120000, displacementCapL: 1.6, whereNeeded: { priceCapYuan: 180000, displacementCapL: 1.8 } },
          bus_small_medium: { priceCapYuan: 250000, displacementCapL: 3.0 },
          bus_large: { priceCapYuan: 450000, displacementCapL: null },
          new_energy_sedan: { priceCapYuan: 180000, displacementCapL: null },
        },
        domesticOnly: true,
        noSuvForLeaderFixedCar: true,
        newEnergyMinShareCentral: 0.3,
        unitCapRatio: 0.7,
        replacement: { years: 8, km: 250000, unconfirmed: true },
      } as unknown as VehicleCapsRule,
    },
    {
      // Version 2 restates version 1 in the vehicles module's vocabulary (type, body type and
      // energy codes of the code lists) and spells out what version 1 left implicit: the
      // cap of the "other authorised types", which energies count as new energy, which body
      // types count as SUV. Same effective date: the higher version wins on every date.
      version: 2,
      effectiveFrom: '2017-12-01',
      titleZh: '公务用车配备标准',
      titleEn: 'Official vehicle caps',
      source: SOURCE,
      data: {
        byType: {
          confidential_comm: { priceCapYuan: 120000, displacementCapL: 1.6 },
          emergency: { priceCapYuan: 180000, displacementCapL: 1.8 },
          law_enforcement: { priceCapYuan: 120000, displacementCapL: 1.6, whereNeeded: { priceCapYuan: 180000, displacementCapL: 1.8 } },
          special_technical: { priceCapYuan: 180000, displacementCapL: 1.8 },
          other: { priceCapYuan: 180000, displacementCapL: 1.8 },
        },
        // Special cases by body type: they replace the type's cap.
        byBodyType: {
          bus_small_medium: { priceCapYuan: 250000, displacementCapL: 3.0 },
          bus_large: { priceCapYuan: 450000, displacementCapL: null },
        },
        newEnergySedan: { priceCapYuan: 180000, displacementCapL: null },
        newEnergyEnergies: ['electric', 'plugin_hybrid', 'fuel_cell'],
        suvBodyTypes: ['suv'],
        domesticOnly: true,
        noSuvForLeaderFixedCar: true,
        fuelNeedsReason: true,
        newEnergyMinShareCentral: 0.3,
        unitCapRatio: 0.7,
        replacement: { years: 8, km: 250000, unconfirmed: true },
      },
    },
  ],
});

export const VEHICLE_RULE_TABLES = [VEHICLE_CAPS_RULE, TRIP_PLAUSIBILITY_RULE];
