import { TreeSelect } from 'antd';
import type { CSSProperties } from 'react';
import { defineMessages } from '../../shared/i18n';
import { useDefaultSelection } from '../../shared/defaultSelection';
import { useAuth } from '../auth/auth';
import { ownUnitId, toTree, useOrgs } from './useOrgs';

const unitSelectMessages = defineMessages('unitSelect', { pickUnit: { zh: '选择单位', en: 'Choose a unit' } });

/**
 * A unit (or the bureau) from the caller's org tree; departments are left out (they own no
 * rooms, vehicles or meters). The one unit picker of the web: modules use it rather than their own.
 */
export function UnitSelect(props: {
  value?: number;
  onChange?: (v: number | undefined) => void;
  allowClear?: boolean;
  placeholder?: string;
  testId?: string;
  style?: CSSProperties;
}) {
  const t = unitSelectMessages.useT();
  const orgs = useOrgs();
  const tree = toTree(orgs.data ?? [], (o) => o.kind !== 'department');
  return (
    <TreeSelect
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandAll
      allowClear={props.allowClear}
      placeholder={props.placeholder ?? t('pickUnit')}
      treeData={tree as never}
      value={props.value}
      onChange={(v) => props.onChange?.(v ?? undefined)}
      style={{ minWidth: 200, ...props.style }}
      data-testid={props.testId}
      popupMatchSelectWidth={false}
    />
  );
}

/**
 * Opens a one-unit-at-a-time page (a filing, a disclosure) on the caller's own unit, else the
 * first unit they may see, instead of an empty page waiting for a pick (issue #17).
 */
export function useOwnUnitDefault(value: number | undefined, onPick: (id: number) => void): void {
  const orgs = useOrgs();
  const { me } = useAuth();
  const units = (orgs.data ?? []).filter((o) => o.kind !== 'department');
  const own = ownUnitId(orgs.data, me?.orgId);
  useDefaultSelection(
    value,
    orgs.data ? units : undefined,
    (o) => o.id,
    onPick,
    (o) => o.id === own,
  );
}
