/** The frugality rule's data (meeting_frugality), as the check reads it. */
type Frugality = { forbidden: readonly { item: string; allowedFor: readonly string[] }[] };

/**
 * Rostrum seating (主席台座次) by Chinese protocol: the most senior sits at the centre; the next
 * sits on the centre's left as the rostrum faces the hall (the hall's right), the third on its
 * right, and so on alternating outwards. With an even number, the first two share the centre:
 * the first on the left of the centre line (rostrum's view), the second on the right.
 * `byPrecedence` is the names, most senior first; the result is the seats from left to right
 * as seen from the hall (how the chart is printed and read by the staff setting it out).
 */
export function rostrumSeats<T>(byPrecedence: readonly T[]): T[] {
  const hallLeft: T[] = []; // the rostrum's right side, filled outwards
  const hallRight: T[] = []; // the rostrum's left side (the senior side), filled outwards
  byPrecedence.forEach((name, i) => {
    const even = byPrecedence.length % 2 === 0;
    // Odd: index 0 is the centre; then 1, 3, 5 … go to the senior side. Even: 0, 2, 4 … do.
    if (!even && i === 0) return;
    const senior = even ? i % 2 === 0 : i % 2 === 1;
    (senior ? hallRight : hallLeft).push(name);
  });
  const centre = byPrecedence.length % 2 === 1 ? [byPrecedence[0] as T] : [];
  return [...hallLeft.reverse(), ...centre, ...hallRight];
}

/** The items of an order that the frugality rule forbids for a meeting of this level. */
export function forbiddenItems(rule: Frugality, level: string, items: readonly string[]): string[] {
  return items.filter((item) => rule.forbidden.some((f) => f.item === item && !f.allowedFor.includes(level)));
}

/** The order status after a tick: all tasks done ⇒ done; any line ticked ⇒ in progress. */
export function orderStatusAfterTick(tasks: readonly { checklist: readonly { done: boolean }[] }[]): 'accepted' | 'in_progress' | 'done' {
  const lines = tasks.flatMap((t) => t.checklist);
  if (lines.length > 0 && lines.every((l) => l.done)) return 'done';
  return lines.some((l) => l.done) ? 'in_progress' : 'accepted';
}
