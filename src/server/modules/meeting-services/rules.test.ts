import { describe, expect, it } from 'vitest';
import { MEETING_FRUGALITY } from './meeting-services.ruletables';
import { forbiddenItems, orderStatusAfterTick, rostrumSeats } from './rules';

describe('rostrumSeats (主席台座次, seen from the hall, left to right)', () => {
  it('puts the only leader in the centre and an empty rostrum stays empty', () => {
    expect(rostrumSeats([])).toEqual([]);
    expect(rostrumSeats(['甲'])).toEqual(['甲']);
  });
  it('odd: 1 in the centre, 2 on the hall’s right of 1, 3 on its left, alternating outwards', () => {
    expect(rostrumSeats(['1', '2', '3'])).toEqual(['3', '1', '2']);
    expect(rostrumSeats(['1', '2', '3', '4', '5'])).toEqual(['5', '3', '1', '2', '4']);
    expect(rostrumSeats(['1', '2', '3', '4', '5', '6', '7'])).toEqual(['7', '5', '3', '1', '2', '4', '6']);
  });
  it('even: 1 and 2 share the centre (1 on the hall’s right of the centre line), then 3 beside 1, 4 beside 2', () => {
    expect(rostrumSeats(['1', '2'])).toEqual(['2', '1']);
    expect(rostrumSeats(['1', '2', '3', '4'])).toEqual(['4', '2', '1', '3']);
    expect(rostrumSeats(['1', '2', '3', '4', '5', '6'])).toEqual(['6', '4', '2', '1', '3', '5']);
  });
  it('seats everybody exactly once', () => {
    const names = Array.from({ length: 17 }, (_, i) => `n${i}`);
    expect([...rostrumSeats(names)].sort()).toEqual([...names].sort());
  });
});

describe('forbiddenItems (厉行节约)', () => {
  const rule = MEETING_FRUGALITY.versions[0]!.data;
  it('refuses flowers, fruit and gifts at any level and allows ordinary items', () => {
    expect(forbiddenItems(rule, 'ordinary', ['pens_paper', 'flowers', 'fruit', 'gifts'])).toEqual(['flowers', 'fruit', 'gifts']);
    expect(forbiddenItems(rule, 'important', ['flowers', 'name_list'])).toEqual(['flowers']);
  });
  it('allows a backdrop only where the rule lists the level', () => {
    expect(forbiddenItems(rule, 'ordinary', ['backdrop'])).toEqual(['backdrop']);
    expect(forbiddenItems(rule, 'important', ['backdrop'])).toEqual([]);
  });
  it('follows the data, not a list in the code', () => {
    expect(forbiddenItems({ forbidden: [{ item: 'pens_paper', allowedFor: [] }] }, 'ordinary', ['flowers', 'pens_paper'])).toEqual([
      'pens_paper',
    ]);
  });
});

describe('orderStatusAfterTick', () => {
  it('moves accepted → in progress → done with the ticks', () => {
    const line = (done: boolean) => ({ done });
    expect(orderStatusAfterTick([{ checklist: [line(false)] }, { checklist: [line(false)] }])).toBe('accepted');
    expect(orderStatusAfterTick([{ checklist: [line(true)] }, { checklist: [line(false)] }])).toBe('in_progress');
    expect(orderStatusAfterTick([{ checklist: [line(true)] }, { checklist: [line(true)] }])).toBe('done');
  });
});
