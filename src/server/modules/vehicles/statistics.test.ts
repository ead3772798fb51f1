import { describe, expect, it } from 'vitest';
import { changePct } from './statistics.service';

describe('yearly change', () => {
  it("gives the seed district's −57.41 % for 46 purchases approved after 108 the year before", () => {
    expect(changePct(46, 108)).toBe(-57.41);
  });
  it('is null without a base year and positive for growth', () => {
    expect(changePct(5, 0)).toBeNull();
    expect(changePct(3, 2)).toBe(50);
  });
});
