import { useEffect, useLayoutEffect, useRef } from 'react';
import { useLocation, useNavigationType } from 'react-router-dom';

/**
 * A new page opens at its top: the window keeps its scroll across client-side navigation, so
 * without this a page opened from far down a long list shows with its title cut off. Only a
 * change of page resets it (a filter or a drawer kept in the query string does not). Back and
 * forward (POP) return to where the reader was on that entry: the position is recorded while
 * they scroll (at the moment of leaving, the next page may already have shortened the
 * document), and restored once the page is tall enough (its rows may still be arriving). The
 * browser's own restoration is off: it would fire before the lazy page has drawn anything.
 */
export function useScrollReset(): void {
  const loc = useLocation();
  const navType = useNavigationType();
  const saved = useRef(new Map<string, number>());
  const current = useRef<{ key: string; path: string } | null>(null);
  useEffect(() => {
    if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
    const record = () => {
      if (current.current) saved.current.set(current.current.key, window.scrollY);
    };
    window.addEventListener('scroll', record, { passive: true });
    return () => window.removeEventListener('scroll', record);
  }, []);
  useLayoutEffect(() => {
    const prev = current.current;
    current.current = { key: loc.key, path: loc.pathname };
    if (!prev || prev.path === loc.pathname) return;
    const y = navType === 'POP' ? (saved.current.get(loc.key) ?? 0) : 0;
    window.scrollTo(0, y);
    if (y === 0) return;
    // Back to a long page: try again as its rows arrive, for a few seconds at most.
    let tries = 0;
    const again = () => {
      if (current.current?.key !== loc.key || Math.abs(window.scrollY - y) < 2 || ++tries > 20) return;
      window.scrollTo(0, y);
      setTimeout(again, 150);
    };
    setTimeout(again, 50);
  }, [loc.key, loc.pathname, navType]);
}
