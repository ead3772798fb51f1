import { describe, expect, it } from 'vitest';
import { CORE_AUDIT_VOCABULARY } from './audit.core-vocabulary';
import { readableSummary } from './audit.readable';
import { defineAuditVocabulary, registerAuditVocabulary } from './audit.vocabulary';

registerAuditVocabulary(CORE_AUDIT_VOCABULARY);
registerAuditVocabulary(
  defineAuditVocabulary({
    entities: { test_meter: { zh: '测试表计', en: 'Test meter' } },
    fields: { energyType: { zh: '能源种类', en: 'Energy', values: { electricity: { zh: '电力', en: 'Electricity' } } } },
  }),
);

describe('summaries in the reader’s language', () => {
  it('reads the known shapes and leaves names alone', () => {
    expect(readableSummary('12/40 rows; filter {"q":"x"}', 'zh')).toBe('12 行（共 40 行）；条件 {"q":"x"}');
    expect(readableSummary('12/40 rows; filter {}', 'en')).toBe('12 of 40 rows');
    expect(readableSummary('test_meter #3: 用电总表', 'zh')).toBe('测试表计 #3：用电总表');
    expect(readableSummary('electricity 用电总表', 'zh', 'test_meter')).toBe('电力 用电总表');
    expect(readableSummary('TJ-2026-000019: 6 items to org 25', 'zh', 'x', (id) => (id === 25 ? '区教育局' : undefined))).toBe(
      'TJ-2026-000019：6 件，调入区教育局',
    );
    expect(readableSummary('SJ-2026-000021: 5 assets, 11330.00 yuan', 'zh')).toBe('SJ-2026-000021：5 件资产，¥11,330.00');
    expect(readableSummary('min-stock alert 2026-12-07: A4复印纸, 硒鼓', 'zh')).toBe('低于最低库存提醒 2026-12-07：A4复印纸、硒鼓');
    expect(readableSummary('all checks passed', 'zh')).toBe('各项检查均通过');
    expect(readableSummary('更换办公桌椅', 'zh')).toBe('更换办公桌椅');
    expect(readableSummary(null, 'zh')).toBeNull();
  });
});

describe('a later module cannot rename a field everyone shares', () => {
  it('keeps the first wording for other records; the later wording holds for the later module’s own records', async () => {
    const { auditFieldLabel, auditValueLabel } = await import('./audit.vocabulary');
    registerAuditVocabulary(
      defineAuditVocabulary({
        entities: { zz_first: { zh: '甲记录', en: 'First record' } },
        fields: { zzWho: { zh: '人员', en: 'Person', values: { a: { zh: '甲', en: 'A' } } } },
      }),
    );
    registerAuditVocabulary(
      defineAuditVocabulary({
        entities: { zz_second: { zh: '乙记录', en: 'Second record' } },
        fields: { zzWho: { zh: '签到人', en: 'Attendee', values: { b: { zh: '乙', en: 'B' } } } },
      }),
    );
    expect(auditFieldLabel('zz_first', 'zzWho', 'zh')).toBe('人员');
    expect(auditFieldLabel('zz_other', 'zzWho', 'en')).toBe('Person');
    expect(auditFieldLabel('zz_second', 'zzWho', 'zh')).toBe('签到人');
    expect(auditFieldLabel('zz_second', 'zzWho', 'en')).toBe('Attendee');
    // Codes still mean the same wherever they occur.
    expect(auditValueLabel('zz_first', 'zzWho', 'b', 'zh')).toBe('乙');
    expect(auditValueLabel('zz_second', 'zzWho', 'a', 'en')).toBe('A');
  });
});
