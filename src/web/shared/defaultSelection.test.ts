import { describe, expect, it } from 'vitest';
import { pickDefault } from './defaultSelection';

const units = [
  { id: 1, name: 'bureau' },
  { id: 7, name: 'unit a' },
  { id: 9, name: 'unit b' },
];
const id = (u: { id: number }) => u.id;

describe('pickDefault', () => {
  it('opens on the preferred item', () => {
    expect(pickDefault(undefined, units, id, (u) => u.id === 9)).toBe(9);
  });
  it('else on the first', () => {
    expect(pickDefault(undefined, units, id, (u) => u.id === 42)).toBe(1);
    expect(pickDefault(null, units, id)).toBe(1);
  });
  it('never overrides a choice', () => {
    expect(pickDefault(7, units, id, (u) => u.id === 9)).toBeUndefined();
    expect(pickDefault(0, units, id)).toBeUndefined();
  });
  it('waits for the items', () => {
    expect(pickDefault(undefined, undefined, id)).toBeUndefined();
    expect(pickDefault(undefined, [], id)).toBeUndefined();
  });
});
