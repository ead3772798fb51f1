import { useLayoutEffect, useRef } from 'react';
import { useLocation, useNavigationType } from 'react-router-dom';

/**
 * A new page opens at its top: the window keeps its scroll across client-side navigation, so
 * without this a page opened from far down a long list shows with its title cut off. Only a
 * change of page resets it (a filter or a drawer kept in the query string does not). Back and
 * forward (POP) return to where the reader was on that entry, as far as the page is tall by
 * then (its data may still be loading; the browser's own restoration is off, it would fire
 * before the lazy page has drawn anything).
 */
export function useScrollReset(): void {
  const loc = useLocation();
  const navType = useNavigationType();
  const saved = useRef(new Map<string, number>());
  const last = useRef<{ key: string; path: string } | null>(null);
  useLayoutEffect(() => {
    if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
  }, []);
  useLayoutEffect(() => {
    const prev = last.current;
    last.current = { key: loc.key, path: loc.pathname };
    if (!prev || prev.path === loc.pathname) return;
    saved.current.set(prev.key, window.scrollY);
    const y = navType === 'POP' ? (saved.current.get(loc.key) ?? 0) : 0;
    window.scrollTo(0, y);
    // A POP to a long page: its rows arrive after this effect, so try again once they have.
    if (y > 0) setTimeout(() => window.scrollTo(0, y), 300);
  }, [loc.key, loc.pathname, navType]);
}
