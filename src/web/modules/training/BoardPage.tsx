import { Button, Card, Dropdown, Empty, Input, Select, Space, Tag, message } from 'antd';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { THousekeeping, TRoom } from '../../../contracts/modules/training';
import { trainingApi } from '../../../contracts/modules/training.api';
import { useAuth } from '../../core/auth/auth';
import { cnToday } from '../../shared/dates';
import { useApiMutation, useApiQuery } from '../../shared/typedApi';
import { showFieldErrors } from '../../shared/ui/formErrors';
import { PageHeader, QueryError } from '../../shared/ui/states';
import { CentreSelect, HK_COLOR, HkTag } from './common';
import { trainingMessages } from './i18n';

const MOVES: Record<THousekeeping, THousekeeping[]> = { dirty: ['clean'], clean: ['inspected', 'dirty'], inspected: ['dirty'] };

/** One room: number, status, beds with that night's occupants; the housekeeping moves as a menu. */
function RoomCard({ room, canManage }: { room: TRoom; canManage: boolean }) {
  const t = trainingMessages.useT();
  const move = useApiMutation(trainingApi.housekeeping, { invalidates: [trainingApi.board] });
  const go = async (status: THousekeeping) => {
    try {
      await move.mutateAsync({ params: { id: room.id }, body: { status } });
    } catch (e) {
      message.error(showFieldErrors(e));
    }
  };
  const menu = MOVES[room.housekeeping].map((s) => ({ key: s, label: t(`to.${s}`), onClick: () => go(s) }));
  return (
    <Card
      size="small"
      data-testid={`room-${room.number}`}
      data-hk={room.housekeeping}
      style={{
        width: 150,
        borderTop: `3px solid ${HK_COLOR[room.housekeeping] === 'orange' ? '#fa8c16' : HK_COLOR[room.housekeeping] === 'blue' ? '#1677ff' : '#52c41a'}`,
      }}
      styles={{ body: { padding: 8 } }}
    >
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <b>{room.number}</b>
        {canManage ? (
          <Dropdown menu={{ items: menu }} trigger={['click']}>
            <Button size="small" type="text" data-testid={`room-hk-${room.number}`} loading={move.isPending} style={{ padding: 0 }}>
              <HkTag s={room.housekeeping} />
            </Button>
          </Dropdown>
        ) : (
          <HkTag s={room.housekeeping} />
        )}
      </Space>
      {room.beds.map((b) => (
        <div key={b.id} style={{ fontSize: 12, marginTop: 4, color: b.traineeId ? undefined : '#999' }} data-testid={`bed-${b.id}`}>
          {t('bedN', { n: b.label })}：{b.traineeName ?? t('free')}
          {b.checkedIn ? (
            <Tag color="green" style={{ marginLeft: 4, fontSize: 11 }}>
              {t('checkedIn')}
            </Tag>
          ) : null}
        </div>
      ))}
    </Card>
  );
}

/** 房态: every room of a centre by floor, its housekeeping status and one night's occupants (a phone scrolls the cards). */
export function BoardPage() {
  const t = trainingMessages.useT();
  const { hasPermission } = useAuth();
  const [params, setParams] = useSearchParams();
  const [centreId, setCentreId] = useState<number | undefined>(Number(params.get('centre')) || undefined);
  const [night, setNight] = useState(cnToday());
  const hk = (params.get('housekeeping') as THousekeeping | null) ?? undefined;
  const setHk = (v?: string) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      if (v) n.set('housekeeping', v);
      else n.delete('housekeeping');
      return n;
    });
  const pick = useCallback((id: number) => setCentreId(id), []);
  const q = useApiQuery(trainingApi.board, { params: { id: centreId ?? 0 }, query: { night, housekeeping: hk } }, { enabled: !!centreId });
  const floors = [...new Set((q.data?.rooms ?? []).map((r) => r.floor))];
  const c = q.data?.counts;
  return (
    <div data-testid="training-board-page">
      <PageHeader title={t('board')} />
      <Space wrap style={{ marginBottom: 12 }}>
        <CentreSelect value={centreId} onChange={pick} />
        <Input
          type="date"
          value={night}
          onChange={(e) => e.target.value && setNight(e.target.value)}
          style={{ width: 160 }}
          aria-label={t('night')}
        />
        <Select
          allowClear
          value={hk}
          onChange={setHk}
          placeholder={t('housekeeping')}
          style={{ width: 140 }}
          data-testid="hk-filter"
          options={(['dirty', 'clean', 'inspected'] as const).map((s) => ({ value: s, label: t(`hk.${s}`) }))}
        />
      </Space>
      <QueryError inline queries={[q]} />
      {c && q.data ? (
        <Space wrap style={{ marginBottom: 12 }} data-testid="board-counts">
          <Tag color="orange">
            {t('hk.dirty')} {c.dirty}
          </Tag>
          <Tag color="blue">
            {t('hk.clean')} {c.clean}
          </Tag>
          <Tag color="green">
            {t('hk.inspected')} {c.inspected}
          </Tag>
          <span>{t('bedsTaken', { n: c.bedsTaken, total: q.data.centre.beds })}</span>
        </Space>
      ) : null}
      {q.data && !q.data.rooms.length ? <Empty /> : null}
      {floors.map((f) => (
        <div key={f} style={{ marginBottom: 16 }}>
          <h4 style={{ margin: '8px 0' }}>{t('floorN', { n: f })}</h4>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
            {q
              .data!.rooms.filter((r) => r.floor === f)
              .map((r) => (
                <RoomCard key={r.id} room={r} canManage={hasPermission('training.manage')} />
              ))}
          </div>
        </div>
      ))}
    </div>
  );
}
