import { describe, expect, it } from 'vitest';
import { authApi } from '../../../contracts/core/auth.api';
import { keyOf } from '../../shared/typedApi';
import { mayHaveSession, sessionKey, sessionRoutes } from './session';

describe('the sign-in page’s zod-free auth routes', () => {
  it('are the contract’s routes and query key', () => {
    for (const name of ['me', 'login', 'config'] as const) {
      expect(sessionRoutes[name]).toEqual({ method: authApi[name].method, path: authApi[name].path });
    }
    expect([...sessionKey]).toEqual(keyOf(authApi.me));
  });

  it('reads the session hint among the page cookies', () => {
    expect(mayHaveSession('')).toBe(false);
    expect(mayHaveSession('a=1; other_signed_in=1')).toBe(false);
    expect(mayHaveSession('a=1; houqin_signed_in=1')).toBe(true);
    expect(mayHaveSession('houqin_signed_in=1')).toBe(true);
  });
});
