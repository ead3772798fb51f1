// Moving-average cost per item per store. The stock value is kept in fen (bigint) so the ledger
// always balances: each receipt adds its exact amount; each issue takes quantity × current
// average rounded to the fen, and issuing the last unit takes whatever value is left, so a store
// emptied to zero is also worth exactly zero (no rounding residue left behind).

export interface StockPosition {
  quantity: bigint;
  valueFen: bigint;
}

function divRoundHalfUp(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  return r * 2n >= d ? q + 1n : q;
}

/** Average unit cost in 1/10000 yuan (4 decimals), rounded half up; 0 for an empty position. */
export function averageUnitCost4(pos: StockPosition): bigint {
  if (pos.quantity <= 0n) return 0n;
  return divRoundHalfUp(pos.valueFen * 100n, pos.quantity);
}

export function formatCost4(cost4: bigint): string {
  const s = cost4.toString().padStart(5, '0');
  return `${s.slice(0, -4)}.${s.slice(-4)}`;
}

export function receive(pos: StockPosition, quantity: bigint, amountFen: bigint): StockPosition {
  if (quantity <= 0n || amountFen < 0n) throw new RangeError('receipt must be positive');
  return { quantity: pos.quantity + quantity, valueFen: pos.valueFen + amountFen };
}

export function issue(pos: StockPosition, quantity: bigint): { position: StockPosition; amountFen: bigint } {
  if (quantity <= 0n) throw new RangeError('issue must be positive');
  if (quantity > pos.quantity) throw new RangeError('insufficient stock');
  const amountFen = quantity === pos.quantity ? pos.valueFen : divRoundHalfUp(pos.valueFen * quantity, pos.quantity);
  return {
    position: { quantity: pos.quantity - quantity, valueFen: pos.valueFen - amountFen },
    amountFen,
  };
}
