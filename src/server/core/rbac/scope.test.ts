import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { people } from '../people/people.schema';
import { AuthContext } from './context';
import { inScope, inScopePrepared, scopeParams } from './scope';

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

describe('scopeParams and inScopePrepared', () => {
  it('names the shape and carries the values as placeholders take them', () => {
    expect(scopeParams(ctx([]), 'people.read')).toEqual({ shape: 'none', values: {} });
    expect(scopeParams(ctx([{ path: '/1/', orgId: 1, subtree: true }]), 'people.read')).toEqual({
      shape: 'tenant',
      values: { scopeTenant: 1 },
    });
    expect(scopeParams(ctx([{ path: '/1/', orgId: 1, subtree: true }]), 'people.read', false).shape).toBe('orgs');
    const two = scopeParams(
      ctx([
        { path: '/1/5/', orgId: 5, subtree: true },
        { path: '/1/7/', orgId: 7, subtree: false },
        { path: '/1/5/', orgId: 5, subtree: true },
      ]),
      'people.read',
    );
    expect(two).toEqual({ shape: 'orgs', values: { scopePaths: '{"/1/5/%"}', scopeIds: '{7}' } });
  });

  it('renders each shape with placeholders only (no value in the SQL text)', () => {
    const q = (shape: 'none' | 'tenant' | 'orgs') => dialect.sqlToQuery(inScopePrepared(shape, people.orgId, people.tenantId));
    expect(q('none').sql).toBe('false');
    expect(q('tenant').sql).toBe('"people"."tenant_id" = $1');
    expect(q('orgs').sql).toContain('like any($1::text[])');
    expect(q('orgs').sql).toContain('= any($2::int[])');
    expect(() => inScopePrepared('tenant', people.orgId)).toThrow();
  });
});
