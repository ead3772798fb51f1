import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { people } from '../people/people.schema';
import { AuthContext } from './context';
import { inScope } from './scope';

const dialect = new PgDialect();
const ctx = (grants: { path: string; orgId: number; subtree: boolean }[]) =>
  new AuthContext(
    { id: 9, username: 'u', displayName: 'u', orgId: 1, tenantId: 1, personId: null },
    grants.map((g) => ({ permission: 'people.read', ...g })),
    null,
    'zh-CN',
    'session',
  );
const render = (c: AuthContext, withTenant: boolean) =>
  dialect.sqlToQuery(inScope(c, 'people.read', people.orgId, withTenant ? people.tenantId : undefined));

describe('inScope', () => {
  it('turns a grant over the tenant root into the tenant key, when the table has one', () => {
    const q = render(ctx([{ path: '/1/', orgId: 1, subtree: true }]), true);
    expect(q.sql).toBe('"people"."tenant_id" = $1');
    expect(q.params).toEqual([1]);
  });

  it('keeps the org-tree condition without a tenant column, or for a grant below the root', () => {
    expect(render(ctx([{ path: '/1/', orgId: 1, subtree: true }]), false).sql).toContain('"orgs"."path" like $1');
    const unit = render(ctx([{ path: '/1/5/', orgId: 5, subtree: true }]), true);
    expect(unit.sql).toContain('"orgs"."path" like $1');
    expect(unit.params).toEqual(['/1/5/%']);
  });

  it('does not read a node-only grant on the root as the whole tenant', () => {
    const q = render(ctx([{ path: '/1/', orgId: 1, subtree: false }]), true);
    expect(q.sql).not.toContain('tenant_id');
    expect(q.params).toEqual([1]);
  });

  it('is FALSE without any grant', () => {
    expect(render(ctx([]), true).sql).toBe('false');
  });
});
