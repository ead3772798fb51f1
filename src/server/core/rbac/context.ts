import { forbidden } from '../http/errors';
import type { Locale } from '../i18n/messages';

/** One permission held at one org node, for the node only or its whole subtree. */
export type Grant = { permission: string; orgId: number; path: string; subtree: boolean };

export type AuditActor = { tenantId: number; actorId: number | null; actorName: string | null; ip: string | null };

/**
 * Who is calling and what they may do where. Built once per request by the auth plugin
 * (session cookie or Bearer token) and passed explicitly to services, so a service never
 * reads global state to decide access.
 */
export class AuthContext {
  private readonly byPermission: ReadonlyMap<string, Grant[]>;

  constructor(
    public readonly account: {
      id: number;
      username: string;
      displayName: string;
      orgId: number;
      tenantId: number;
      personId: number | null;
    },
    grants: Grant[] | ReadonlyMap<string, Grant[]>,
    public readonly ip: string | null,
    public readonly locale: Locale,
    public readonly via: 'session' | 'token' | 'system',
  ) {
    this.byPermission = Array.isArray(grants) ? indexGrants(grants) : grants;
  }

  get tenantId(): number {
    return this.account.tenantId;
  }

  has(permission: string): boolean {
    return this.byPermission.has(permission);
  }

  /** Throws 403 unless the caller holds the permission somewhere. Scope is checked separately. */
  require(permission: string): void {
    if (!this.has(permission)) throw forbidden();
  }

  grants(permission: string): Grant[] {
    return this.byPermission.get(permission) ?? [];
  }

  permissions(): string[] {
    return [...this.byPermission.keys()].sort();
  }

  /** Whether a node with this materialised path lies within the caller's scope for the permission. */
  covers(permission: string, org: { id: number; path: string }): boolean {
    return this.grants(permission).some((g) => (g.subtree ? org.path.startsWith(g.path) : g.orgId === org.id));
  }

  auditActor(): AuditActor {
    return { tenantId: this.tenantId, actorId: this.account.id, actorName: this.account.username, ip: this.ip };
  }
}

/** Grants by permission, as a context looks them up (built once per cached account, not per request). */
export function indexGrants(grants: Grant[]): Map<string, Grant[]> {
  const byPermission = new Map<string, Grant[]>();
  for (const g of grants) {
    const list = byPermission.get(g.permission) ?? [];
    list.push(g);
    byPermission.set(g.permission, list);
  }
  return byPermission;
}

/** A context for jobs and seeding: full access, audited as "system". */
export function systemContext(tenantId: number, rootPath: string, permissions: string[]): AuthContext {
  return new AuthContext(
    { id: 0, username: 'system', displayName: 'system', orgId: tenantId, tenantId, personId: null },
    permissions.map((p) => ({ permission: p, orgId: tenantId, path: rootPath, subtree: true })),
    null,
    'zh-CN',
    'system',
  );
}
