/**
 * 三员分立 (MLPS 2.0): system, security and audit administration must sit with different
 * people. We classify by what a role can do, not by its name, so a custom role cannot
 * smuggle two of the powers onto one account.
 */
export type AdminPower = 'system' | 'security' | 'audit';

const POWER_OF: Record<string, AdminPower> = {
  'accounts.write': 'system',
  'roles.write': 'security',
  'audit.read': 'audit',
  'audit.export': 'audit',
};

/** Every permission that makes its holder one of the three administrators. */
export const ADMIN_PERMISSIONS: readonly string[] = Object.keys(POWER_OF);

export function adminPowers(permissions: Iterable<string>): Set<AdminPower> {
  const out = new Set<AdminPower>();
  for (const p of permissions) {
    const power = POWER_OF[p];
    if (power) out.add(power);
  }
  return out;
}

/** The powers that would be combined, or null when the set is acceptable. */
export function separationViolation(permissions: Iterable<string>): AdminPower[] | null {
  const powers = adminPowers(permissions);
  return powers.size > 1 ? [...powers].sort() : null;
}
