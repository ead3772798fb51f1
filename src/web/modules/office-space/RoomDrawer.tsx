import { Descriptions, Drawer, Table, Tag, Timeline } from 'antd';
import { officeApi } from '../../../contracts/modules/office-space.api';
import { useApiQuery } from '../../shared/typedApi';
import { RoomStatusTag, fmtArea, officeMessages, tKey, useRoomUseLabel } from './common';
import { registryMessages } from './registry.i18n';

/** A room's details: where it is, who uses it, and its dated history of area, use and status. */
export function RoomDrawer({ roomId, onClose }: { roomId: number | null; onClose: () => void }) {
  const t = registryMessages.useT();
  const tc = officeMessages.useT();
  const label = useRoomUseLabel();
  const q = useApiQuery(officeApi.room, { params: { id: roomId ?? 0 } }, { enabled: !!roomId });
  const r = q.data;
  return (
    <Drawer open={!!roomId} onClose={onClose} title={t('detail')} size={520} destroyOnHidden>
      {r ? (
        <div data-testid="room-detail">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={tc('building')}>{`${r.siteName} ${r.buildingName} ${r.floorName}`}</Descriptions.Item>
            <Descriptions.Item label={tc('number')}>{r.number}</Descriptions.Item>
            <Descriptions.Item label={tc('useClass')}>{`${tc(`useClass.${r.useClass}`)} · ${label(r.useType)}`}</Descriptions.Item>
            <Descriptions.Item label={tc('area')}>{fmtArea(r.area)}</Descriptions.Item>
            <Descriptions.Item label={tc('unit')}>{r.orgName}</Descriptions.Item>
            <Descriptions.Item label={tc('status')}>
              <RoomStatusTag status={r.status} />
            </Descriptions.Item>
            {r.note ? <Descriptions.Item label={tc('note')}>{r.note}</Descriptions.Item> : null}
          </Descriptions>
          <h4 style={{ marginTop: 16 }}>{tc('occupants')}</h4>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={r.occupancies}
            columns={[
              { title: t('person'), dataIndex: 'personName' },
              { title: t('kind'), dataIndex: 'kind', render: (v: string) => tKey(tc, `occupancyKind.${v}`) },
              { title: t('start'), dataIndex: 'startDate' },
              { title: t('end'), dataIndex: 'endDate', render: (v) => v ?? <Tag color="green">{t('current')}</Tag> },
            ]}
          />
          <h4 style={{ marginTop: 16 }}>{t('history')}</h4>
          <Timeline
            items={r.history.map((h) => ({
              children: (
                <div>
                  <b>{h.effectiveFrom}</b> {tc('sqm', { n: fmtArea(h.area) })} · {tKey(tc, `useClass.${h.useClass}`)} · {label(h.useType)} ·{' '}
                  {tKey(tc, `roomStatus.${h.status}`)}
                  {h.reason ? <div style={{ color: '#888' }}>{h.reason}</div> : null}
                </div>
              ),
            }))}
          />
        </div>
      ) : null}
    </Drawer>
  );
}
