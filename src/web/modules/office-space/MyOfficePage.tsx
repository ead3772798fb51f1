import { officeApi } from '../../../contracts/modules/office-space.api';
import { Card, Descriptions, Empty, List, Tag } from 'antd';
import type { TComplianceItem } from '../../../contracts/modules/office-space';
import { useApiQuery } from '../../shared/typedApi';
import { defineMessages, useT } from '../../shared/i18n';
import { ErrorState, Loading, PageHeader } from '../../shared/ui/states';
import { fmtArea, useRoomUseLabel } from './common';

defineMessages(
  {
    'osm.title': '我的办公室',
    'osm.none': '您的账号未关联人员档案，或尚未登记办公室',
    'osm.standard': '我的面积标准',
    'osm.entitled': '标准面积',
    'osm.actual': '实际使用面积',
    'osm.state': '是否达标',
    'osm.ok': '达标',
    'osm.over': '超标 {x} ㎡',
    'osm.since': '起用 {d}',
  },
  {
    'osm.title': 'My office',
    'osm.none': 'Your account is not linked to a personnel record, or no office is registered',
    'osm.standard': 'My standard',
    'osm.entitled': 'Standard',
    'osm.actual': 'Actual',
    'osm.state': 'Compliance',
    'osm.ok': 'Within',
    'osm.over': '{x} m² over',
    'osm.since': 'since {d}',
  },
);

type Mine = {
  person: TComplianceItem | null;
  rooms: {
    roomId: number;
    number: string;
    area: number;
    useType: string;
    floorName: string;
    buildingName: string;
    siteName: string;
    kind: string;
    startDate: string;
  }[];
};

/** Self-service for staff, on a phone too: where my office is and whether it meets my standard. */
export function MyOfficePage() {
  const t = useT();
  const label = useRoomUseLabel();
  const q = useApiQuery(officeApi.mine, {});
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Loading />;
  // The route declares no response schema (it answers what the service builds): typed here.
  const { person, rooms } = q.data as Mine;
  return (
    <div data-testid="my-office">
      <PageHeader title={t('osm.title')} />
      {!person ? (
        <Empty description={t('osm.none')} />
      ) : (
        <>
          <List
            grid={{ gutter: 12, xs: 1, sm: 2, md: 3 }}
            dataSource={rooms}
            renderItem={(r) => (
              <List.Item>
                <Card size="small" title={`${r.siteName} · ${r.buildingName} ${r.number}`}>
                  <div>
                    {r.floorName} · {label(r.useType)} · {fmtArea(r.area)} ㎡
                  </div>
                  <div style={{ color: '#888' }}>
                    {t(`ok.${r.kind}`)} · {t('osm.since', { d: r.startDate })}
                  </div>
                </Card>
              </List.Item>
            )}
          />
          <Card size="small" title={t('osm.standard')}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('osm.entitled')}>{fmtArea(person.entitledArea)} ㎡</Descriptions.Item>
              <Descriptions.Item label={t('osm.actual')}>{fmtArea(person.actualArea)} ㎡</Descriptions.Item>
              <Descriptions.Item label={t('osm.state')}>
                {person.overStandard ? (
                  <Tag color="red">{t('osm.over', { x: fmtArea(person.excessArea) })}</Tag>
                ) : (
                  <Tag color="green">{t('osm.ok')}</Tag>
                )}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </>
      )}
    </div>
  );
}
