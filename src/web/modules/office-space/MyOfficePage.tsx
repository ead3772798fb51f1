import { officeApi } from '../../../contracts/modules/office-space.api';
import { Card, Descriptions, Empty, List, Tag } from 'antd';
import type { TComplianceItem } from '../../../contracts/modules/office-space';
import { useApiQuery } from '../../shared/typedApi';
import { defineMessages } from '../../shared/i18n';
import { ErrorState, Loading, PageHeader } from '../../shared/ui/states';
import { fmtArea, useRoomUseLabel, officeMessages, tKey } from './common';

export const myOfficeMessages = defineMessages('office.mine', {
  title: { zh: '我的办公室', en: 'My office' },
  none: {
    zh: '您的账号未关联人员档案，或尚未登记办公室',
    en: 'Your account is not linked to a personnel record, or no office is registered',
  },
  standard: { zh: '我的面积标准', en: 'My standard' },
  entitled: { zh: '标准面积', en: 'Standard' },
  actual: { zh: '实际使用面积', en: 'Actual' },
  state: { zh: '是否达标', en: 'Compliance' },
  ok: { zh: '达标', en: 'Within' },
  over: { zh: '超标 {x} ㎡', en: '{x} m² over' },
  since: { zh: '起用 {d}', en: 'since {d}' },
});

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
  const t = myOfficeMessages.useT();
  const tc = officeMessages.useT();
  const label = useRoomUseLabel();
  const q = useApiQuery(officeApi.mine, {});
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Loading />;
  // The route declares no response schema (it answers what the service builds): typed here.
  const { person, rooms } = q.data as Mine;
  return (
    <div data-testid="my-office">
      <PageHeader title={t('title')} />
      {!person ? (
        <Empty description={t('none')} />
      ) : (
        <>
          <List
            grid={{ gutter: 12, xs: 1, sm: 2, md: 3 }}
            dataSource={rooms}
            renderItem={(r) => (
              <List.Item>
                <Card size="small" title={`${r.siteName} · ${r.buildingName} ${r.number}`}>
                  <div>
                    {r.floorName} · {label(r.useType)} · {tc('sqm', { n: fmtArea(r.area) })}
                  </div>
                  <div style={{ color: '#888' }}>
                    {tKey(tc, `occupancyKind.${r.kind}`)} · {t('since', { d: r.startDate })}
                  </div>
                </Card>
              </List.Item>
            )}
          />
          <Card size="small" title={t('standard')}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('entitled')}>{tc('sqm', { n: fmtArea(person.entitledArea) })}</Descriptions.Item>
              <Descriptions.Item label={t('actual')}>{tc('sqm', { n: fmtArea(person.actualArea) })}</Descriptions.Item>
              <Descriptions.Item label={t('state')}>
                {person.overStandard ? (
                  <Tag color="red">{t('over', { x: fmtArea(person.excessArea) })}</Tag>
                ) : (
                  <Tag color="green">{t('ok')}</Tag>
                )}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </>
      )}
    </div>
  );
}
