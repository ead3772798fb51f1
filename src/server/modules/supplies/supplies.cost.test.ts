import { describe, expect, it } from 'vitest';
import { averageUnitCost4, formatCost4, issue, receive } from './supplies.cost';

describe('moving-average cost', () => {
  it('recomputes the average on each receipt and values issues at it', () => {
    let pos = receive({ quantity: 0n, valueFen: 0n }, 3n, 1000n); // 3 × 3.3333
    expect(formatCost4(averageUnitCost4(pos))).toBe('3.3333');
    const first = issue(pos, 1n);
    expect(first.amountFen).toBe(333n);
    pos = receive(first.position, 2n, 500n);
    expect(pos).toEqual({ quantity: 4n, valueFen: 1167n });
    expect(formatCost4(averageUnitCost4(pos))).toBe('2.9175');
    const last = issue(pos, 4n);
    expect(last.amountFen).toBe(1167n);
    expect(last.position).toEqual({ quantity: 0n, valueFen: 0n });
  });

  it('refuses to issue more than in stock', () => {
    expect(() => issue({ quantity: 2n, valueFen: 200n }, 3n)).toThrow('insufficient stock');
  });
});
