import { describe, expect, it } from 'vitest';
import { bureauLeader, bureauReview, unitLeader, unitReview, when } from './steps';

describe('approval step builders', () => {
  it('build the steps the flows used to write out, with no condition key unless given', () => {
    expect(unitReview()).toStrictEqual({
      key: 'unit',
      nameZh: '单位审核',
      nameEn: 'Unit review',
      approver: { role: 'unit_admin', at: 'applicant_unit' },
      mode: 'any',
    });
    expect(unitLeader()).toStrictEqual({
      key: 'unit_leader',
      nameZh: '单位负责人审核',
      nameEn: 'Unit leader',
      approver: { role: 'leader', at: 'applicant_unit' },
      mode: 'any',
    });
    expect(bureauReview()).toStrictEqual({
      key: 'bureau',
      nameZh: '机关事务局审核',
      nameEn: 'Bureau review',
      approver: { role: 'manager', at: 'bureau' },
      mode: 'any',
    });
    expect(bureauLeader({ condition: when('amount', 'gt', 10000) })).toStrictEqual({
      key: 'leader',
      nameZh: '局领导审批',
      nameEn: 'Leader approval',
      approver: { role: 'leader', at: 'bureau' },
      mode: 'any',
      condition: { fact: 'amount', op: 'gt', value: 10000 },
    });
  });

  it('take a flow’s own key and names but never its approver', () => {
    const s = bureauReview({ key: 'finance', nameZh: '财政部门审批', nameEn: 'Finance' });
    expect(s).toMatchObject({ key: 'finance', nameZh: '财政部门审批', nameEn: 'Finance', approver: { role: 'manager', at: 'bureau' } });
  });
});
