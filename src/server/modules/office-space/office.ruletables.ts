import { sql } from 'drizzle-orm';
import { type Executor, type RulePreviewInput, cnToday, defineRuleTable } from '../../core';
import { findingsCte, overPersonIds } from './compliance.sql';
import { type AreaRule, ZAreaRule } from './standards';

/**
 * District-wide effect of a candidate standard: the office compliance computation run twice on
 * today's occupancy, with the version in force and with the candidate, and the people whose
 * "over standard" finding appears or disappears.
 */
async function previewAreaRule(db: Executor, { current, candidate, locale, tenantId }: RulePreviewInput<AreaRule>) {
  const day = cnToday();
  const scope = sql`p.tenant_id = ${tenantId}`;
  const before = current ? await overPersonIds(db, findingsCte(tenantId, scope, current, day)) : new Set<number>();
  const after = await overPersonIds(db, findingsCte(tenantId, scope, candidate, day));
  const becomeOver = [...after].filter((id) => !before.has(id)).length;
  const stopOver = [...before].filter((id) => !after.has(id)).length;
  const en = locale === 'en';
  return [
    { label: en ? 'People over standard now' : '当前超标人数', value: before.size },
    { label: en ? 'People over standard with this version' : '按新版本超标人数', value: after.size },
    { label: en ? 'Would become over standard' : '将新增超标', value: becomeOver },
    { label: en ? 'Would no longer be over standard' : '将不再超标', value: stopOver },
  ];
}

export const OFFICE_AREA_RULE = defineRuleTable({
  name: 'office_area_standard',
  module: 'office-space',
  titleZh: '办公室使用面积标准',
  titleEn: 'Office use-area standards',
  schema: ZAreaRule,
  preview: previewAreaRule,
  versions: [
    {
      version: 1,
      effectiveFrom: '2014-12-29',
      titleZh: '办公室使用面积标准',
      titleEn: 'Office use-area standards',
      source:
        'docs/regulations.md §1 office_area_standard —《党政机关办公用房建设标准》（发改投资〔2014〕2674号）；《党政机关办公用房管理办法》（中办发〔2017〕70号）',
      data: {
        unit: 'm2',
        // (agency level, GB/T 12407 post level) → ㎡. Township is set by each province (in principle ≤ county deputy).
        standards: {
          central: { '111': 54, '112': 42, '121': 24, '122': 18, '131': 12, '132': 12, '141': 9, '142': 9, '150': 9, '160': 9, '199': 9 },
          province: { '111': 54, '112': 42, '121': 30, '122': 24, '131': 18, '132': 12, '141': 9, '142': 9, '150': 9, '160': 9, '199': 9 },
          city: { '121': 42, '122': 30, '131': 24, '132': 18, '141': 9, '142': 9, '150': 9, '160': 9, '199': 9 },
          county: { '131': 30, '132': 24, '141': 18, '142': 12, '150': 9, '160': 9, '199': 9 },
          township: { unconfirmed: true, note: '由各省规定，原则上不超过县级副职（24 ㎡）' },
        },
        leaderToiletMaxM2: 6,
        serviceRoomPerPerson: { min: 5, max: 10 },
        equipmentRoomShare: 0.09,
        usableCoefficient: { multiStorey: 0.65, highRise: 0.6 },
        recoverWithinMonths: { transfer: 1, concurrentPost: 2 },
        majorRepairMaxAreaIncrease: 0.15,
      },
    },
  ],
});

export const OFFICE_RULE_TABLES = [OFFICE_AREA_RULE];
