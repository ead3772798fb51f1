import { describe, expect, it } from 'vitest';
import { OFFICE_AREA_RULE } from './office.ruletables';
import {
  type AreaRule,
  type OccupiedRoom,
  addMonths,
  assess,
  entitledArea,
  isLeader,
  partitionFits,
  serviceStatus,
  suiteArea,
} from './standards';

// The seeded rule, exactly as the database receives it from docs/regulations.md §1.
const rule: AreaRule = OFFICE_AREA_RULE.versions[0]!.data;
const room = (over: Partial<OccupiedRoom> = {}): OccupiedRoom => ({
  roomId: 1,
  number: '301',
  area: 18,
  occupants: 1,
  kind: 'primary',
  suite: [],
  ...over,
});

describe('office area standards (docs/regulations.md §1)', () => {
  it('reads the county row the seed article quotes: 正处 30 / 副处 24 / 正科 18 / 副科 12 / 科级以下 9', () => {
    expect(entitledArea(rule, 'county', '131')).toBe(30);
    expect(entitledArea(rule, 'county', '132')).toBe(24);
    expect(entitledArea(rule, 'county', '141')).toBe(18);
    expect(entitledArea(rule, 'county', '142')).toBe(12);
    expect(entitledArea(rule, 'county', '150')).toBe(9);
    expect(entitledArea(rule, 'county', '160')).toBe(9);
    expect(entitledArea(rule, 'county', '199')).toBe(9);
  });

  it('keys by (agency level, post): the same post gives different areas at different levels', () => {
    expect(entitledArea(rule, 'central', '121')).toBe(24);
    expect(entitledArea(rule, 'province', '121')).toBe(30);
    expect(entitledArea(rule, 'city', '121')).toBe(42);
    expect(entitledArea(rule, 'province', '131')).toBe(18);
    expect(entitledArea(rule, 'city', '131')).toBe(24);
    expect(entitledArea(rule, 'county', '131')).toBe(30);
    expect(entitledArea(rule, 'central', '111')).toBe(54);
  });

  it('has no figure for posts a level does not have, and township falls back to the county row capped at the county deputy', () => {
    expect(entitledArea(rule, 'county', '111')).toBeNull();
    expect(entitledArea(rule, 'county', '201')).toBeNull();
    expect(entitledArea(rule, 'township', '131')).toBe(24);
    expect(entitledArea(rule, 'township', '141')).toBe(18);
    expect(entitledArea(rule, 'township', '150')).toBe(9);
  });

  it('takes the figures from the rule, not from code', () => {
    const edited: AreaRule = { ...rule, standards: { ...rule.standards, county: { ...(rule.standards.county as object), '141': 16 } } };
    expect(entitledArea(edited, 'county', '141')).toBe(16);
  });

  it('marks leaders as the posts above the lowest figure of the row', () => {
    expect(isLeader(rule, 'county', '141')).toBe(true);
    expect(isLeader(rule, 'county', '142')).toBe(true);
    expect(isLeader(rule, 'county', '150')).toBe(false);
    expect(isLeader(rule, 'city', '131')).toBe(true);
  });

  it('a 正科 in an 18 ㎡ room is within the standard; in a 20.5 ㎡ room 2.5 ㎡ over', () => {
    expect(assess(rule, 'county', '141', [room()])).toMatchObject({ entitledArea: 18, actualArea: 18, overStandard: false, excessArea: 0 });
    expect(assess(rule, 'county', '141', [room({ area: 20.5 })])).toMatchObject({ overStandard: true, excessArea: 2.5 });
  });

  it('divides a shared room among its occupants: three 科员 in 27 ㎡ use 9 ㎡ each, two in 27 ㎡ are 4.5 ㎡ over', () => {
    expect(assess(rule, 'county', '150', [room({ area: 27, occupants: 3 })])).toMatchObject({ actualArea: 9, overStandard: false });
    expect(assess(rule, 'county', '150', [room({ area: 27, occupants: 2 })])).toMatchObject({ actualArea: 13.5, excessArea: 4.5 });
  });

  it('counts a leader suite as one: the rest room in full, a toilet only above 6 ㎡', () => {
    const suite = room({
      area: 20,
      suite: [
        { useType: 'rest', area: 6 },
        { useType: 'toilet', area: 4 },
      ],
    });
    expect(suiteArea(rule, suite)).toBe(26);
    expect(assess(rule, 'county', '131', [suite])).toMatchObject({ actualArea: 26, overStandard: false });
    const bigToilet = room({
      area: 20,
      suite: [
        { useType: 'rest', area: 6 },
        { useType: 'toilet', area: 8 },
      ],
    });
    expect(assess(rule, 'county', '132', [bigToilet])).toMatchObject({ actualArea: 28, excessArea: 4 });
  });

  it('adds every primary room (多处占用) but not a room kept for a concurrent post', () => {
    const a = assess(rule, 'county', '142', [room({ area: 12 }), room({ roomId: 2, area: 10 })]);
    expect(a).toMatchObject({ actualArea: 22, excessArea: 10 });
    const b = assess(rule, 'county', '142', [room({ area: 12 }), room({ roomId: 2, area: 10, kind: 'concurrent' })]);
    expect(b).toMatchObject({ actualArea: 12, overStandard: false });
  });

  it('never flags a person without a standard, and rounds to two decimals', () => {
    expect(assess(rule, 'county', '201', [room({ area: 40 })])).toMatchObject({ entitledArea: null, overStandard: false, excessArea: 0 });
    expect(assess(rule, 'county', '150', [room({ area: 28.01, occupants: 3 })]).actualArea).toBe(9.34);
  });

  it('grades service rooms per person against 5–10 ㎡', () => {
    expect(serviceStatus(rule, 4.9)).toBe('below');
    expect(serviceStatus(rule, 5)).toBe('within');
    expect(serviceStatus(rule, 10)).toBe('within');
    expect(serviceStatus(rule, 10.01)).toBe('above');
    expect(serviceStatus(rule, null)).toBe('n/a');
  });

  it('computes recovery deadlines by calendar month, clamped to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-03-15', 2)).toBe('2026-05-15');
    expect(addMonths('2026-12-10', 1)).toBe('2027-01-10');
  });

  it('refuses a partition whose parts exceed the room', () => {
    expect(partitionFits(36, [{ area: 18 }, { area: 17.5 }])).toEqual({ ok: true, sum: 35.5 });
    expect(partitionFits(36, [{ area: 18 }, { area: 18.01 }]).ok).toBe(false);
  });
});
