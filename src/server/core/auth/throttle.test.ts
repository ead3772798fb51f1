import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors';
import { LoginThrottle } from './auth.plugin';

describe('login throttle', () => {
  it('refuses the attempt after the limit within the window, per address', () => {
    const t = new LoginThrottle(3, 60_000);
    for (let i = 0; i < 3; i++) t.check('10.0.0.1');
    expect(() => t.check('10.0.0.1')).toThrow(AppError);
    try {
      t.check('10.0.0.1');
    } catch (e) {
      expect((e as AppError).status).toBe(429);
    }
    // Another address is not affected.
    expect(() => t.check('10.0.0.2')).not.toThrow();
  });
});
