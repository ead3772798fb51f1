import { useEffect, useState } from 'react';

const KEY = 'houqin.activeOrg';
const EVENT = 'houqin:active-org';

/**
 * The organisation chosen in the header's switcher (users with several scopes). Lists use it
 * as their default organisation filter; every hook instance follows changes at once.
 */
const read = () => Number(localStorage.getItem(KEY)) || null;

export function useActiveOrg(): [number | null, (id: number | null) => void] {
  const [value, setValue] = useState<number | null>(read);
  useEffect(() => {
    const on = () => setValue(read());
    window.addEventListener(EVENT, on);
    return () => window.removeEventListener(EVENT, on);
  }, []);
  return [
    value,
    (id) => {
      if (id) localStorage.setItem(KEY, String(id));
      else localStorage.removeItem(KEY);
      window.dispatchEvent(new Event(EVENT));
    },
  ];
}
