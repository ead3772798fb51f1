import { z } from 'zod';
import { defineRuleTable } from '../../core';

const share = z.number().min(-1).max(1);
const positive = z.number().positive();
/** A table of numbers keyed by unit, with an optional "not confirmed locally" flag beside them. */
const numbersFlagged = z.object({ unconfirmed: z.literal(true).optional() }).catchall(z.number().nonnegative());

export const ZCoalCoefficients = z.object({
  /** kgce per unit of each energy (GB/T 2589), keyed `<energy>_<unit>`. */
  kgcePer: z.record(z.string().min(1), positive),
  electricityEqualValue: z.object({ kgcePerKWh: positive, unconfirmed: z.boolean().optional() }),
  densityKgPerL: z.record(z.string().min(1), positive),
  national: z.record(z.string().regex(/^\d{4}$/), z.object({ kgcePerM2: positive, kgcePerPerson: positive, waterM3PerPerson: positive })),
  targets2025vs2020: z.object({ perM2: share, perPerson: share, waterPerPerson: share, co2PerM2: share }),
  acSetpoints: z.object({ summerMinC: z.number().min(10).max(40), winterMaxC: z.number().min(5).max(35) }),
  waterLossThreshold: z.number().min(0).max(1),
});
export type CoalCoefficients = z.infer<typeof ZCoalCoefficients>;

const month = z.number().int().min(1).max(12);
const hour = z.number().int().min(0).max(23);
export const ZEnergyParams = z.object({
  /** Which electricity coefficient the indicators use: 当量值 (0.1229) or 等价值 (coal_coefficients.electricityEqualValue). */
  electricityScheme: z.enum(['equivalent', 'equal_value']),
  /** kg CO₂ per unit (the coefficient table's units). */
  emissionFactors: numbersFlagged,
  /** Densities not in the coefficient table (kg/L). */
  extraDensityKgPerL: numbersFlagged,
  readings: z.object({
    spikeFactor: z.number().gt(1),
    spikeMinSamples: z.number().int().positive(),
    spikeTimeConstantHours: positive,
    maxFutureMinutes: z.number().nonnegative(),
    rolloverMaxShare: z.number().gt(0).max(1),
  }),
  anomalies: z.object({
    submeterGapThreshold: z.number().min(0).max(1),
    baseloadMaxShare: z.number().min(0).max(1),
    nightStartHour: hour,
    nightEndHour: hour,
    baseloadDays: z.number().int().positive(),
    stoppedAfterHours: positive,
    manualMissingDays: z.number().int().positive(),
  }),
  patrol: z.object({
    period: z.enum(['month', 'quarter', 'year']),
    noticeAt: z.number().int().positive(),
    deductionPerNotice: z.number().nonnegative(),
    summerMonths: z.array(month),
    winterMonths: z.array(month),
  }),
  assessment: z.object({
    weights: z.object({
      quota: z.number().nonnegative(),
      change: z.number().nonnegative(),
      findings: z.number().nonnegative(),
      reporting: z.number().nonnegative(),
    }),
    pointsPerFinding: z.number().nonnegative(),
    changeTarget: share,
    grades: z.object({ excellent: z.number().min(0).max(100), good: z.number().min(0).max(100), pass: z.number().min(0).max(100) }),
    unconfirmed: z.boolean().optional(),
  }),
  report: z.object({
    deadline: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/),
    remindDaysBefore: z.number().int().nonnegative(),
  }),
  unconfirmed: z.boolean().optional(),
});
export type EnergyParams = z.infer<typeof ZEnergyParams>;

export const COAL_COEFFICIENTS_RULE = defineRuleTable({
  name: 'coal_coefficients',
  module: 'energy',
  titleZh: '能源折标准煤系数及对标值',
  titleEn: 'Standard-coal coefficients and reference values',
  schema: ZCoalCoefficients,
  versions: [
    {
      version: 1,
      effectiveFrom: '2025-11-10',
      titleZh: '能源折标准煤系数及对标值',
      titleEn: 'Standard-coal coefficients and reference values',
      source: 'docs/regulations.md §4 coal_coefficients — GB/T 2589；公共机构能源资源消费统计调查制度（国管局 2025-11-10 修订）',
      data: {
        kgcePer: {
          electricity_kWh: 0.1229,
          raw_coal_kg: 0.7143,
          coke_kg: 0.9714,
          gasoline_kg: 1.4714,
          kerosene_kg: 1.4714,
          diesel_kg: 1.4571,
          fuel_oil_kg: 1.4286,
          lpg_kg: 1.7143,
          natural_gas_m3: 1.2143,
          oilfield_gas_m3: 1.33,
          heat_MJ: 0.0341,
        },
        electricityEqualValue: { kgcePerKWh: 0.404, unconfirmed: true },
        densityKgPerL: { gasoline: 0.73, diesel: 0.84 },
        national: {
          2020: { kgcePerM2: 18.48, kgcePerPerson: 329.56, waterM3PerPerson: 21.53 },
          2022: { kgcePerM2: 18.03, kgcePerPerson: 321.27, waterM3PerPerson: 20.99 },
        },
        targets2025vs2020: { perM2: -0.05, perPerson: -0.06, waterPerPerson: -0.06, co2PerM2: -0.07 },
        acSetpoints: { summerMinC: 26, winterMaxC: 20 },
        waterLossThreshold: 0.04,
      },
    },
  ],
});

export const ENERGY_PARAMS_RULE = defineRuleTable({
  name: 'energy_rules',
  module: 'energy',
  titleZh: '公共机构节能管理参数',
  titleEn: 'Public-institution energy parameters',
  schema: ZEnergyParams,
  versions: [
    {
      version: 1,
      effectiveFrom: '2000-01-01',
      titleZh: '公共机构节能管理参数',
      titleEn: 'Public-institution energy parameters',
      source:
        'docs/regulations.md §5 energy_rules —《公共机构节能条例》；排放因子为常用缺省值（电网 2022 年全国平均 0.5366 kgCO₂/kWh，生态环境部、国家统计局 2024 公布；其余按 GB/T 32150 缺省值推算）；其余阈值为本地配置（未经确认的默认值）',
      data: {
        electricityScheme: 'equivalent',
        // Unconfirmed defaults, set locally.
        emissionFactors: {
          electricity_kWh: 0.5366,
          natural_gas_m3: 2.1622,
          gasoline_kg: 2.9251,
          kerosene_kg: 3.0179,
          diesel_kg: 3.0959,
          fuel_oil_kg: 3.1705,
          lpg_kg: 3.1013,
          raw_coal_kg: 1.9003,
          coke_kg: 2.8604,
          heat_MJ: 0.11,
          unconfirmed: true,
          // TypeScript cannot write a literal of "numbers plus one boolean flag"; the schema checks it.
        } as unknown as EnergyParams['emissionFactors'],
        extraDensityKgPerL: { kerosene: 0.8, unconfirmed: true } as unknown as EnergyParams['extraDensityKgPerL'],
        readings: {
          /** A reading whose hourly rate exceeds this × the meter's time-weighted average rate is flagged as a spike (kept and counted). */
          spikeFactor: 6,
          /** Readings a meter needs before spikes are judged. */
          spikeMinSamples: 6,
          /** Time constant of that average, in hours (a week: longer than a day's and a week's cycle of use). */
          spikeTimeConstantHours: 168,
          /** Clock skew tolerated for a reading time ahead of the server. */
          maxFutureMinutes: 5,
          /** A wrap across the register's capacity counts as a rollover only if it adds less than this share of the capacity. */
          rolloverMaxShare: 0.1,
        },
        anomalies: {
          /** Master vs the sum of its sub-meters: water loss above coal_coefficients.waterLossThreshold; other energy above this. */
          submeterGapThreshold: 0.1,
          /** Night (22:00–06:00) or rest-day hourly load above this share of working-day daytime load. */
          baseloadMaxShare: 0.5,
          nightStartHour: 22,
          nightEndHour: 6,
          baseloadDays: 28,
          /** An interval meter silent for this long has stopped reporting; a manual meter without its month's reading after this many days. */
          stoppedAfterHours: 24,
          manualMissingDays: 10,
        },
        patrol: {
          /** The counting period: month, quarter or year. */
          period: 'quarter',
          /** The finding of this number for the same office in a period raises a public notice. */
          noticeAt: 3,
          /** Assessment points deducted per notice. */
          deductionPerNotice: 2,
          summerMonths: [6, 7, 8, 9],
          winterMonths: [11, 12, 1, 2, 3],
        },
        assessment: {
          weights: { quota: 40, change: 30, findings: 20, reporting: 10 },
          /** Points off the findings criterion per patrol finding. */
          pointsPerFinding: 1,
          /** Change of kgce per person on the year before that earns the full change score (−0.01 = a 1 % cut). */
          changeTarget: -0.01,
          grades: { excellent: 90, good: 80, pass: 60 },
          unconfirmed: true,
        },
        report: { deadline: '03-31', remindDaysBefore: 15 },
        unconfirmed: true,
      },
    },
  ],
});

export const ENERGY_RULE_TABLES = [COAL_COEFFICIENTS_RULE, ENERGY_PARAMS_RULE];
