import { useEffect, useRef } from 'react';

/**
 * What a page that shows one thing at a time (a unit's filing, a building's floors) opens on
 * when nothing is picked yet: the preferred item (the caller's own unit …) if the list has one,
 * else the first. Nothing while a choice stands or the list is empty or still loading.
 */
export function pickDefault<T, V>(
  current: V | undefined | null,
  items: readonly T[] | undefined,
  idOf: (t: T) => V,
  prefer?: (t: T) => boolean,
): V | undefined {
  if (current !== undefined && current !== null) return undefined;
  if (!items?.length) return undefined;
  const item = (prefer ? items.find(prefer) : undefined) ?? items[0]!;
  return idOf(item);
}

/**
 * Opens the page on a default instead of an empty "pick something" screen: once the items
 * have loaded and nothing is picked, calls `onPick` with `pickDefault`'s choice (pages keep
 * the choice in the query string, so `onPick` should replace the history entry).
 */
export function useDefaultSelection<T, V>(
  current: V | undefined | null,
  items: readonly T[] | undefined,
  idOf: (t: T) => V,
  onPick: (v: V) => void,
  prefer?: (t: T) => boolean,
): void {
  const pick = pickDefault(current, items, idOf, prefer);
  // onPick is a fresh closure each render: the effect runs when the choice changes, not it.
  const onPickRef = useRef(onPick);
  onPickRef.current = onPick;
  useEffect(() => {
    if (pick !== undefined) onPickRef.current(pick);
  }, [pick]);
}
