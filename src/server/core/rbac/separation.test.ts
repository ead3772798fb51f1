import { describe, expect, it } from 'vitest';
import { builtinRoles } from './builtin-roles';
import { separationViolation } from './separation';

describe('三员分立', () => {
  it('accepts each built-in administrator role on its own', () => {
    for (const r of builtinRoles()) expect(separationViolation(r.permissions)).toBeNull();
  });
  it('refuses system + audit and security + audit combinations', () => {
    expect(separationViolation(['accounts.write', 'audit.read'])).toEqual(['audit', 'system']);
    expect(separationViolation(['roles.write', 'audit.export'])).toEqual(['audit', 'security']);
    expect(separationViolation(['roles.write', 'accounts.write'])).toEqual(['security', 'system']);
  });
  it('allows ordinary permissions alongside one power', () => {
    expect(separationViolation(['people.read', 'org.write', 'accounts.write'])).toBeNull();
  });
});
