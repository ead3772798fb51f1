import { describe, expect, it } from 'vitest';
import { type SummaryField, conditionSentence, renderSummary } from '../../src/contracts/core/approval-summary';
import { businessType, businessTypes } from '../../src/server/core/approval/registry';
import { installModules } from '../../src/server/core/module/module';
import { MODULES } from '../../src/server/modules';

installModules(MODULES);

/** A value of the field's kind, as a service would pass it in the facts. */
function sample(key: string, f: SummaryField): unknown {
  if (f.values) return Object.keys(f.values)[0];
  switch (f.kind) {
    case 'money':
      return key.length % 2 ? 165000 : '1234567.5';
    case 'number':
      return 1234;
    case 'boolean':
      return false;
    case 'instant':
      return '2026-03-01T23:30:00.000Z';
    case 'day':
      return '2026-03-02';
    default:
      return 'text';
  }
}

describe('approval summary renderers', () => {
  const types = businessTypes();

  it('registers a renderer for every business type of every module', () => {
    const declared = MODULES.flatMap((m) => m.businessTypes ?? []).map((t) => t.type);
    expect(declared.length).toBeGreaterThanOrEqual(14);
    expect(types.map((t) => t.type).sort()).toEqual(declared.sort());
    for (const t of types) {
      expect(t.summary, t.type).toBeDefined();
      expect(Object.values(t.summary.fields).filter((f) => !f.hidden).length, t.type).toBeGreaterThan(0);
      // Every fact a default flow's condition tests is declared, so the editor reads it as a sentence.
      for (const s of t.defaultFlow.steps)
        if (s.condition) expect(t.summary.fields[s.condition.fact], `${t.type} ${s.condition.fact}`).toBeDefined();
    }
  });

  for (const l of ['zh', 'en'] as const)
    it(`renders a sample payload of every type with no raw key or code (${l})`, () => {
      for (const t of types) {
        const facts: Record<string, unknown> = {};
        for (const [k, f] of Object.entries(t.summary.fields)) facts[k] = sample(k, f);
        for (const [k, sentences] of Object.entries(t.summary.checks ?? {})) facts[k] = Object.keys(sentences).join(',') || true;
        const out = renderSummary(t.summary, facts, l);
        expect(out.fields.length, t.type).toBe(Object.values(t.summary.fields).filter((f) => !f.hidden).length);
        for (const { label, value } of out.fields) {
          expect(label, t.type).not.toMatch(/[A-Z][a-z]+[A-Z]|_/);
          expect(value, `${t.type} ${label}`).not.toMatch(/_|^(true|false|null|undefined)$/);
          expect(Object.keys(t.summary.fields), t.type).not.toContain(value);
        }
        for (const [k, f] of Object.entries(t.summary.fields)) {
          if (f.hidden) continue;
          const v = out.fields.find((x) => x.label === (l === 'en' ? f.en : f.zh))!.value;
          if (f.values) expect(Object.keys(f.values), `${t.type} ${k}`).not.toContain(v);
          if (f.kind === 'money') expect(v, `${t.type} ${k}`).toMatch(/^¥\d{1,3}(,\d{3})+\.\d\d$/);
          if (f.kind === 'boolean') expect(v).toBe(l === 'en' ? 'No' : '否');
          if (f.kind === 'instant') expect(v).toBe('2026-03-02 07:30');
        }
        for (const c of out.checks) expect(c, t.type).not.toMatch(/_|^[a-z]+(,[a-z]+)+$/);
        const codes = Object.values(t.summary.checks ?? {}).reduce((n, s) => n + Object.keys(s).length, 0);
        expect(out.checks.length, t.type).toBe(codes);
      }
    });

  it('reads a vehicle purchase as a document (zh and en)', () => {
    const def = businessType('vehicle_purchase')!.summary;
    const facts = {
      initiator: 'unit',
      price: 165000,
      type: 'law_enforcement',
      energy: 'electric',
      replacement: false,
      checksPassed: false,
      failedChecks: 'quota',
    };
    expect(renderSummary(def, facts, 'zh')).toEqual({
      fields: [
        { label: '车辆类型', value: '执法执勤用车' },
        { label: '能源类型', value: '纯电动' },
        { label: '价格', value: '¥165,000.00' },
        { label: '更新车辆', value: '否' },
        { label: '申请单位', value: '下属单位' },
      ],
      checks: ['超出单位车辆编制控制数'],
    });
    expect(renderSummary(def, facts, 'en')).toEqual({
      fields: [
        { label: 'Vehicle type', value: 'Law enforcement' },
        { label: 'Energy', value: 'Electric' },
        { label: 'Price', value: '¥165,000.00' },
        { label: 'Replaces a vehicle', value: 'No' },
        { label: 'Applying party', value: 'a subordinate unit' },
      ],
      checks: ["Over the unit's vehicle cap"],
    });
  });

  it('reads an office allocation and a trip request (zh and en)', () => {
    const office = businessType('office_allocation')!.summary;
    const facts = { useClass: 'office', headcount: 3, requestedArea: 54.5 };
    expect(renderSummary(office, facts, 'zh').fields).toEqual([
      { label: '用途', value: '办公室' },
      { label: '人数', value: '3 人' },
      { label: '申请面积', value: '54.5 ㎡' },
    ]);
    expect(renderSummary(office, facts, 'en').fields).toEqual([
      { label: 'Use', value: 'Office' },
      { label: 'Headcount', value: '3 people' },
      { label: 'Requested area', value: '54.5 m²' },
    ]);
    const trip = businessType('vehicle_trip')!.summary;
    // A request from before issue #17 carried only these two facts: it still reads.
    expect(renderSummary(trip, { restDay: true, passengers: 2 }, 'zh').fields).toEqual([
      { label: '乘车人数', value: '2 人' },
      { label: '休息日用车', value: '是' },
    ]);
    expect(
      renderSummary(trip, { purpose: 'Audit visit', start: '2026-03-07T09:00:00Z', passengers: 2, restDay: true }, 'en').fields,
    ).toEqual([
      { label: 'Purpose', value: 'Audit visit' },
      { label: 'Start', value: '2026-03-07 17:00' },
      { label: 'Passengers', value: '2 people' },
      { label: 'Rest-day trip', value: 'Yes' },
    ]);
  });

  it('reads an unknown code as "other", never as itself', () => {
    const def = businessType('general')!.summary;
    expect(renderSummary(def, { category: 'brand_new', amount: '0' }, 'zh').fields).toEqual([
      { label: '事项类别', value: '其他' },
      { label: '金额', value: '¥0.00' },
    ]);
  });
});

describe('conditions as sentences', () => {
  const fields = (type: string) => businessType(type)!.summary.fields;
  it('reads who applied, amounts, areas and flags', () => {
    expect(conditionSentence({ fact: 'initiator', op: 'eq', value: 'unit' }, fields('vehicle_purchase'), 'zh')).toBe('申请单位为下属单位');
    expect(conditionSentence({ fact: 'initiator', op: 'eq', value: 'unit' }, fields('vehicle_purchase'), 'en')).toBe(
      'Applying party is a subordinate unit',
    );
    expect(conditionSentence({ fact: 'amount', op: 'gt', value: 10000 }, fields('general'), 'zh')).toBe('金额大于 10,000 元');
    expect(conditionSentence({ fact: 'amount', op: 'gt', value: 10000 }, fields('general'), 'en')).toBe('Amount is more than 10,000 yuan');
    expect(conditionSentence({ fact: 'requestedArea', op: 'gte', value: 200 }, fields('office_allocation'), 'zh')).toBe(
      '申请面积不少于 200 ㎡',
    );
    expect(conditionSentence({ fact: 'requestedArea', op: 'lt', value: 200 }, fields('office_allocation'), 'en')).toBe(
      'Requested area is less than 200 m²',
    );
    expect(conditionSentence({ fact: 'restDay', op: 'eq', value: true }, fields('vehicle_trip'), 'zh')).toBe('休息日用车');
    expect(conditionSentence({ fact: 'restDay', op: 'eq', value: false }, fields('vehicle_trip'), 'en')).toBe('Not: Rest-day trip');
    expect(conditionSentence({ fact: 'tier', op: 'gte', value: 1 }, fields('asset_disposal'), 'zh')).toBe(
      '审批权限不少于机关事务管理局审批',
    );
  });
  it('never shows an undeclared fact by its code', () => {
    expect(conditionSentence({ fact: 'mystery_fact', op: 'ne', value: 'x_y' }, fields('general'), 'zh')).toBe('其他条件不为x_y');
  });
});
