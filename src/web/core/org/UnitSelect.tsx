import { TreeSelect } from 'antd';
import type { CSSProperties } from 'react';
import { toTree, useOrgs } from './useOrgs';

/** A unit (or bureau) from the caller's org tree; departments are left out. */
export function UnitSelect(props: {
  value?: number;
  onChange?: (v: number | undefined) => void;
  allowClear?: boolean;
  placeholder?: string;
  testId?: string;
  style?: CSSProperties;
}) {
  const orgs = useOrgs();
  const tree = toTree(orgs.data ?? [], (o) => o.kind !== 'department');
  return (
    <TreeSelect
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandAll
      allowClear={props.allowClear}
      placeholder={props.placeholder}
      treeData={tree as never}
      value={props.value}
      onChange={(v) => props.onChange?.(v ?? undefined)}
      style={{ minWidth: 200, ...props.style }}
      data-testid={props.testId}
      popupMatchSelectWidth={false}
    />
  );
}
