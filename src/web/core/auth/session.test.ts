import { describe, expect, it } from 'vitest';
import { authApi } from '../../../contracts/core/auth.api';
import { keyOf } from '../../shared/typedApi';
import { sessionKey, sessionRoutes } from './session';

describe('the sign-in page’s zod-free auth routes', () => {
  it('are the contract’s routes and query key', () => {
    for (const name of ['me', 'login'] as const) {
      expect(sessionRoutes[name]).toEqual({ method: authApi[name].method, path: authApi[name].path });
    }
    expect([...sessionKey]).toEqual(keyOf(authApi.me));
  });
});
