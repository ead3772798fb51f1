import type { TOrg } from '../../../contracts/core/org';
import { orgApi } from '../../../contracts/core/org.api';
import { useApiQuery } from '../../shared/typedApi';

/** Org nodes visible to the caller, and the same as an antd tree. */
export function useOrgs(status: 'active' | 'all' = 'active') {
  const q = useApiQuery(orgApi.list, { query: { status } }, { staleTime: 30_000 });
  return { ...q, data: q.data?.items };
}

export type OrgTreeNode = { key: number; value: number; title: string; children: OrgTreeNode[]; org: TOrg };

export function toTree(items: TOrg[], filter?: (o: TOrg) => boolean): OrgTreeNode[] {
  const nodes = new Map<number, OrgTreeNode>();
  const list = filter ? items.filter(filter) : items;
  for (const o of list) nodes.set(o.id, { key: o.id, value: o.id, title: o.name, children: [], org: o });
  const roots: OrgTreeNode[] = [];
  for (const o of list) {
    const n = nodes.get(o.id)!;
    const parent = o.parentId ? nodes.get(o.parentId) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  return roots;
}

/**
 * The caller's own unit among the visible nodes: their org, or the nearest ancestor that is not
 * a department (a clerk of a unit's office belongs to the unit). Undefined when not visible.
 */
export function ownUnitId(items: readonly TOrg[] | undefined, orgId: number | undefined): number | undefined {
  if (!items || orgId === undefined) return undefined;
  const byId = new Map(items.map((o) => [o.id, o]));
  let o = byId.get(orgId);
  while (o && o.kind === 'department') o = o.parentId ? byId.get(o.parentId) : undefined;
  return o?.id;
}
