import { AutoComplete, Space, Tag } from 'antd';
import { type TCostRecord, type TVendor, costMessages } from './costs-i18n';
import { recordMessages } from './records-i18n';

/** Why a vendor name would be flagged (as the server judges today), or null for a designated one in contract. */
export function previewFlag(vendors: TVendor[], name: string | undefined): { vendor: TVendor | null; flag: TCostRecord['vendorFlag'] } {
  const n = (name ?? '').trim();
  if (!n) return { vendor: null, flag: null };
  const v = vendors.find((x) => x.name === n) ?? null;
  if (!v) return { vendor: null, flag: 'not_listed' };
  if (!v.designated) return { vendor: v, flag: 'not_designated' };
  if (!v.inContract) return { vendor: v, flag: 'outside_contract' };
  return { vendor: v, flag: null };
}

/** A vendor by name: the designated list to pick from, or any name typed in (flagged by the server). */
export function VendorInput(props: {
  value?: string;
  onChange?: (v: string) => void;
  vendors: TVendor[];
  testId: string;
  placeholder?: string;
}) {
  const t = costMessages.useT();
  const tr = recordMessages.useT();
  return (
    <AutoComplete
      value={props.value}
      onChange={props.onChange}
      placeholder={props.placeholder}
      data-testid={props.testId}
      filterOption={(input, o) => String(o?.value ?? '').includes(input)}
      options={props.vendors.map((v) => ({
        value: v.name,
        label: (
          <Space size={4}>
            {v.name}
            {v.designated && v.inContract ? (
              <Tag color="green">{tr('inContract')}</Tag>
            ) : (
              <Tag color="volcano">{t(v.designated ? 'vendorFlag.outside_contract' : 'vendorFlag.not_designated')}</Tag>
            )}
          </Space>
        ),
      }))}
    />
  );
}
