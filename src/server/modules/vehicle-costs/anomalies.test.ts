import { describe, expect, it } from 'vitest';
import {
  type CostRules,
  type Fill,
  cnDaysTouched,
  median,
  monthlyConsumption,
  ruleFuelConsumption,
  ruleInspectionOverdue,
  ruleInsuranceExpired,
  ruleNonDesignatedVendor,
  ruleOdometerBackwards,
  ruleRefuelOverTank,
  ruleRefuelWithoutTrip,
  ruleRestDayTrip,
  ruleSealedUse,
  sealedPeriods,
  vendorFlag,
} from './anomalies';

const rules: CostRules = {
  repairApprovalAboveYuan: 5000,
  consumptionFactor: 1.3,
  consumptionMinKm: 300,
  consumptionMinSamples: 3,
  tankTolerance: 1,
  lookbackDays: 400,
};
let seq = 0;
const fill = (vehicleId: number, on: string, quantity: number, odometerKm: number | null, unit: 'L' | 'kWh' = 'L'): Fill => ({
  id: ++seq,
  vehicleId,
  at: `${on}T02:00:00.000Z`,
  on,
  quantity,
  unit,
  odometerKm,
});
/** A month of fills every 400 km at `per100` L/100 km, starting at `odo`. */
function monthOfFills(vehicleId: number, month: string, per100: number, odo: number) {
  return [5, 15, 25].map((d, i) => fill(vehicleId, `${month}-${String(d).padStart(2, '0')}`, (400 * per100) / 100, odo + 400 * (i + 1)));
}

describe('helpers', () => {
  it('median of odd and even lists, empty is null', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });
  it('China calendar days a period touches', () => {
    expect(cnDaysTouched('2026-03-06T15:00:00Z', '2026-03-07T17:00:00Z')).toEqual(['2026-03-06', '2026-03-07', '2026-03-08']);
    expect(cnDaysTouched('2026-03-06T01:00:00Z', '2026-03-06T03:00:00Z')).toEqual(['2026-03-06']);
  });
});

describe('fuel consumption', () => {
  it('computes fill to fill by month, skipping months below the minimum distance', () => {
    const fills = [
      fill(1, '2026-01-02', 40, 10_000),
      fill(1, '2026-01-20', 32, 10_400),
      fill(1, '2026-02-03', 30, 10_800),
      fill(1, '2026-02-04', 5, 10_850),
    ];
    const m = monthlyConsumption(fills, 300);
    expect(m).toEqual([
      { month: '2026-01', unit: 'L', quantity: 32, km: 400, per100: 8 },
      { month: '2026-02', unit: 'L', quantity: 35, km: 450, per100: 7.78 },
    ]);
    expect(monthlyConsumption(fills, 420)).toEqual([{ month: '2026-02', unit: 'L', quantity: 35, km: 450, per100: 7.78 }]);
  });
  it('flags a thirsty car against the median of its class', () => {
    const fleet = [1, 2, 3, 4].map((id) => ({
      vehicleId: id,
      vehicleClass: 'sedan|gasoline',
      months: monthlyConsumption(monthOfFills(id, '2026-03', id === 4 ? 12 : 8, 0), 300),
    }));
    const f = ruleFuelConsumption(fleet, rules);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: 'fuel_consumption', vehicleId: 4, evidenceKey: '2026-03:L' });
    expect(f[0]!.evidence).toMatchObject({ per100: 12, classMedian: 8, basis: 'class' });
  });
  it('does not flag within the factor, nor another class, nor without enough samples', () => {
    const fleet = [1, 2, 3, 4].map((id) => ({
      vehicleId: id,
      vehicleClass: 'sedan|gasoline',
      months: monthlyConsumption(monthOfFills(id, '2026-03', id === 4 ? 10.3 : 8, 0), 300),
    }));
    fleet.push({ vehicleId: 9, vehicleClass: 'bus_large|diesel', months: monthlyConsumption(monthOfFills(9, '2026-03', 30, 0), 300) });
    expect(ruleFuelConsumption(fleet, rules)).toEqual([]);
    // Two others only: no class median; no own history either.
    expect(ruleFuelConsumption(fleet.slice(2, 4), rules)).toEqual([]);
  });
  it("flags a month above the car's own history", () => {
    const months = ['2026-01', '2026-02', '2026-03', '2026-04'].flatMap((m, i) => monthOfFills(7, m, m === '2026-04' ? 11 : 8, i * 1200));
    const f = ruleFuelConsumption([{ vehicleId: 7, vehicleClass: 'suv|diesel', months: monthlyConsumption(months, 300) }], rules);
    expect(f.map((x) => x.evidenceKey)).toEqual(['2026-04:L']);
    expect(f[0]!.evidence).toMatchObject({ ownMedian: 8, basis: 'own' });
  });
});

describe('fills against trips and capacity', () => {
  it('a fill with no trip that day', () => {
    const fills = [fill(1, '2026-03-02', 40, null), fill(1, '2026-03-03', 40, null)];
    const f = ruleRefuelWithoutTrip(fills, new Set(['2026-03-02']));
    expect(f.map((x) => x.evidenceKey)).toEqual([`record:${fills[1]!.id}`]);
    expect(ruleRefuelWithoutTrip(fills, new Set(['2026-03-02', '2026-03-03']))).toEqual([]);
  });
  it('a fill above the tank or battery capacity', () => {
    const fills = [fill(1, '2026-03-02', 60, null), fill(1, '2026-03-03', 55, null), fill(1, '2026-03-04', 70, null, 'kWh')];
    const f = ruleRefuelOverTank(fills, { tankL: 55, batteryKwh: 80 }, 1);
    expect(f.map((x) => x.evidence.quantity)).toEqual([60]);
    expect(ruleRefuelOverTank(fills, { tankL: null, batteryKwh: null }, 1)).toEqual([]);
    expect(ruleRefuelOverTank(fills, { tankL: 55, batteryKwh: 80 }, 1.1)).toEqual([]);
  });
});

describe('odometer', () => {
  it('flags a reading below an earlier one, not equal or rising readings', () => {
    const r = [
      { vehicleId: 1, at: '2026-03-01T01:00:00Z', km: 1000, source: 'trip_start' as const, ref: 1 },
      { vehicleId: 1, at: '2026-03-01T03:00:00Z', km: 1050, source: 'trip_end' as const, ref: 1 },
      { vehicleId: 1, at: '2026-03-02T03:00:00Z', km: 1050, source: 'fill' as const, ref: 5 },
      { vehicleId: 1, at: '2026-03-03T03:00:00Z', km: 990, source: 'fill' as const, ref: 6 },
      { vehicleId: 1, at: '2026-03-04T03:00:00Z', km: 1100, source: 'fill' as const, ref: 7 },
    ];
    const f = ruleOdometerBackwards(r);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ evidenceKey: 'fill:6', evidence: { km: 990, previous: 1050 } });
    expect(ruleOdometerBackwards(r.filter((x) => x.ref !== 6))).toEqual([]);
  });
});

describe('rest days and sealing', () => {
  const working = (d: string) => !['2026-03-07', '2026-03-08'].includes(d);
  const trip = (bookingId: number, start: string, end: string, restDayApproved = false) => ({
    bookingId,
    vehicleId: 1,
    start,
    end,
    restDayApproved,
  });
  it('a trip on a rest day without the approval', () => {
    const f = ruleRestDayTrip(
      [
        trip(1, '2026-03-07T01:00:00Z', '2026-03-07T03:00:00Z'),
        trip(2, '2026-03-07T01:00:00Z', '2026-03-07T03:00:00Z', true),
        trip(3, '2026-03-06T01:00:00Z', '2026-03-06T03:00:00Z'),
      ],
      working,
    );
    expect(f.map((x) => x.evidenceKey)).toEqual(['booking:1']);
    expect(f[0]!.occurredOn).toBe('2026-03-07');
  });
  it('sealed periods from status changes, and uses inside them', () => {
    const periods = sealedPeriods('in_service', [
      { at: '2026-03-01T00:00:00Z', to: 'sealed' },
      { at: '2026-03-10T00:00:00Z', to: 'in_service' },
    ]);
    expect(periods).toEqual([{ from: '2026-03-01T00:00:00Z', to: '2026-03-10T00:00:00Z' }]);
    expect(sealedPeriods('sealed', [])).toEqual([{ from: '0000-01-01T00:00:00.000Z', to: null }]);
    const f = ruleSealedUse(periods, [
      { vehicleId: 1, kind: 'fuel', ref: 1, at: '2026-03-05T02:00:00Z' },
      { vehicleId: 1, kind: 'trip', ref: 2, at: '2026-03-05T02:00:00Z', restDayApproved: true },
      { vehicleId: 1, kind: 'trip', ref: 3, at: '2026-03-11T02:00:00Z' },
    ]);
    expect(f.map((x) => x.evidenceKey)).toEqual(['fuel:1']);
  });
});

describe('vendors', () => {
  const v = { designated: true, status: 'active', contractStart: '2026-01-01', contractEnd: '2026-12-31' };
  it('flags not listed, not designated, outside the contract; passes a designated vendor in contract', () => {
    expect(vendorFlag(null, '2026-03-01')).toBe('not_listed');
    expect(vendorFlag({ ...v, designated: false }, '2026-03-01')).toBe('not_designated');
    expect(vendorFlag(v, '2025-12-31')).toBe('outside_contract');
    expect(vendorFlag(v, '2027-01-01')).toBe('outside_contract');
    expect(vendorFlag(v, '2026-12-31')).toBeNull();
    const f = ruleNonDesignatedVendor([
      { id: 1, vehicleId: 1, on: '2026-03-01', kind: 'fuel', amount: '300.00', vendorName: '路边加油站', vendor: null },
      { id: 2, vehicleId: 1, on: '2026-03-01', kind: 'fuel', amount: '300.00', vendorName: '定点站', vendor: v },
    ]);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ evidenceKey: 'record:1', evidence: { flag: 'not_listed' } });
  });
});

describe('insurance and inspection', () => {
  it('insurance lapsed; in force, never insured or only future cover is no finding', () => {
    const p = [{ start: '2025-01-01', end: '2025-12-31' }];
    expect(ruleInsuranceExpired(1, p, '2026-02-01')).toMatchObject([{ evidenceKey: 'lapsed:2025-12-31' }]);
    expect(ruleInsuranceExpired(1, [...p, { start: '2026-01-01', end: '2026-12-31' }], '2026-02-01')).toEqual([]);
    expect(ruleInsuranceExpired(1, [], '2026-02-01')).toEqual([]);
    expect(ruleInsuranceExpired(1, [{ start: '2026-03-01', end: '2027-02-28' }], '2026-02-01')).toEqual([]);
  });
  it('inspection overdue by the latest inspection only', () => {
    const i = [{ date: '2024-05-01', nextDue: '2025-05-01' }];
    expect(ruleInspectionOverdue(1, i, '2026-01-01')).toMatchObject([{ evidenceKey: 'due:2025-05-01' }]);
    expect(ruleInspectionOverdue(1, [...i, { date: '2025-04-20', nextDue: '2026-04-20' }], '2026-01-01')).toEqual([]);
    expect(ruleInspectionOverdue(1, [], '2026-01-01')).toEqual([]);
  });
});
