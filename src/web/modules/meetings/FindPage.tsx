import { SearchOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Col, Empty, Form, Input, InputNumber, Row, Select, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { MEETING_EQUIPMENT } from '../../../contracts/modules/meetings';
import { meetingsApi } from '../../../contracts/modules/meetings.api';
import { addDays, cnToday, fmtInstant } from '../../shared/dates';
import { defineMessages } from '../../shared/i18n';
import { useApiQuery } from '../../shared/typedApi';
import { showFieldErrors } from '../../shared/ui/formErrors';
import { PageHeader } from '../../shared/ui/states';
import { BookModal, type BookTarget } from './BookModal';
import { type TAvailableRoom, cnIso, hmOf, minutesOf, useFloorLabel, useLabels } from './common';
import { meetingMessages } from './meetings.i18n';

const findMessages = defineMessages('meetings.find', {
  title: { zh: '查找会议室', en: 'Find a meeting room' },
  search: { zh: '查找空闲会议室', en: 'Find free rooms' },
  found: { zh: '{n} 间可用，最合适的在前', en: '{n} free, best fit first' },
});

type Search = { date: string; start: string; end: string; attendees: number; equipment: string[]; building?: string };

/** 查找会议室: a time window, attendees, equipment and building → the free rooms, the smallest that fits first; book in a dialog. */
export function FindPage() {
  const t = meetingMessages.useT();
  const floor = useFloorLabel();
  const tf = findMessages.useT();
  const l = useLabels();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm();
  const [search, setSearch] = useState<Search | null>(null);
  const [target, setTarget] = useState<BookTarget | null>(null);
  const buildings = useApiQuery(meetingsApi.buildings, {}, { staleTime: 60_000 });
  const q = useApiQuery(
    meetingsApi.availability,
    {
      query: search
        ? {
            start: cnIso(search.date, search.start),
            end: cnIso(search.date, search.end),
            attendees: search.attendees,
            equipment: search.equipment.length ? search.equipment.join(',') : undefined,
            building: search.building,
          }
        : { start: '', end: '' },
    } as never,
    { enabled: !!search },
  );
  // A door display's QR opens this page for its room and the free time from now.
  const roomParam = params.get('roomId') ? Number(params.get('roomId')) : null;
  const linked = useApiQuery(meetingsApi.room, { params: { id: roomParam ?? 0 } }, { enabled: !!roomParam });
  useEffect(() => {
    if (!linked.data || !roomParam) return;
    const at = params.get('start') ? fmtInstant(params.get('start')) : fmtInstant(Date.now());
    const m = Math.min(Math.ceil(minutesOf(at.slice(11, 16)) / 15) * 15, 23 * 60);
    setTarget({
      room: linked.data,
      date: at.slice(0, 10),
      start: hmOf(m),
      end: hmOf(Math.min(m + 60, 23 * 60 + 55)),
    });
    setParams({}, { replace: true });
  }, [linked.data, roomParam, params, setParams]);

  const book = (r: TAvailableRoom) =>
    search && setTarget({ room: r, date: search.date, start: search.start, end: search.end, attendees: search.attendees });
  return (
    <div className="mt-page" data-testid="meetings-find-page">
      <PageHeader title={tf('title')} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form
          form={form}
          layout="vertical"
          data-testid="find-form"
          initialValues={{ date: addDays(cnToday(), 1), start: '09:00', end: '10:00', attendees: 10, equipment: [] }}
          onFinish={(v) =>
            setSearch({
              date: v.date,
              start: v.start,
              end: v.end,
              attendees: v.attendees,
              equipment: v.equipment ?? [],
              building: v.building || undefined,
            })
          }
        >
          <Row gutter={12}>
            <Col xs={24} sm={8} lg={5}>
              <Form.Item name="date" label={t('date')} rules={[{ required: true }]}>
                <Input type="date" size="large" data-testid="find-date" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8} lg={4}>
              <Form.Item name="start" label={t('start')} rules={[{ required: true }]}>
                <Input type="time" step={300} size="large" data-testid="find-start" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8} lg={4}>
              <Form.Item
                name="end"
                label={t('end')}
                dependencies={['start']}
                rules={[
                  { required: true },
                  ({ getFieldValue }) => ({
                    validator: (_, v: string | undefined) =>
                      !v || v > getFieldValue('start') ? Promise.resolve() : Promise.reject(new Error(t('endAfter'))),
                  }),
                ]}
              >
                <Input type="time" step={300} size="large" data-testid="find-end" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8} lg={4}>
              <Form.Item name="attendees" label={t('attendees')} rules={[{ required: true }]}>
                <InputNumber min={1} max={10000} precision={0} size="large" style={{ width: '100%' }} data-testid="find-attendees" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={16} lg={7}>
              <Form.Item name="building" label={t('building')}>
                <Select
                  allowClear
                  showSearch
                  size="large"
                  placeholder={t('allBuildings')}
                  data-testid="find-building"
                  options={(buildings.data?.items ?? []).map((b) => ({ value: b, label: b }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="equipment" label={t('equipment')}>
                <Checkbox.Group className="mt-checks" data-testid="find-equipment">
                  {MEETING_EQUIPMENT.map((e) => (
                    <Checkbox key={e} value={e} data-testid={`find-eq-${e}`}>
                      {l.equipment(e)}
                    </Checkbox>
                  ))}
                </Checkbox.Group>
              </Form.Item>
            </Col>
          </Row>
          <Button
            type="primary"
            htmlType="submit"
            icon={<SearchOutlined />}
            size="large"
            className="mt-touch mt-block-phone"
            data-testid="find-submit"
          >
            {tf('search')}
          </Button>
        </Form>
      </Card>
      {search ? (
        <>
          {q.error ? <Alert type="error" showIcon title={showFieldErrors(q.error)} style={{ marginBottom: 12 }} /> : null}
          {q.data ? (
            <div className="mt-muted" style={{ marginBottom: 8 }} data-testid="find-count" data-count={q.data.items.length}>
              {tf('found', { n: q.data.items.length })}
            </div>
          ) : null}
          {q.data && !q.data.items.length ? <Empty description={t('noRooms')} /> : null}
          <Row gutter={[12, 12]} data-testid="find-results">
            {(q.data?.items ?? []).map((r) => (
              <Col xs={24} md={12} xl={8} key={r.id}>
                <Card size="small" className="mt-room-card" data-testid={`room-card-${r.id}`} data-room={r.name}>
                  <div className="mt-room-head">
                    <div>
                      <div className="mt-room-name">{r.name}</div>
                      <div className="mt-muted">{[r.building, floor(r.floor), l.kind(r.kind)].filter(Boolean).join(' · ')}</div>
                    </div>
                    <div className="mt-room-seats">
                      <TeamOutlined /> {t('seatsN', { n: r.capacity })}
                      <div className="mt-muted">{t('spareN', { n: r.spareSeats })}</div>
                    </div>
                  </div>
                  <Space size={[4, 4]} wrap style={{ margin: '8px 0' }}>
                    {r.equipment.map((e) => (
                      <Tag key={e}>{l.equipment(e)}</Tag>
                    ))}
                    {r.needsApproval ? <Tag color="gold">{t('needsApproval')}</Tag> : null}
                  </Space>
                  <Button type="primary" block size="large" className="mt-touch" onClick={() => book(r)} data-testid={`room-book-${r.id}`}>
                    {t('book')}
                  </Button>
                </Card>
              </Col>
            ))}
          </Row>
        </>
      ) : null}
      <BookModal target={target} onClose={() => setTarget(null)} onBooked={() => q.refetch()} />
    </div>
  );
}
