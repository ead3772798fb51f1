import { Alert, Button, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch, message } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import type { ZMeetingSeriesResultSchema } from '../../../contracts/modules/meetings';
import { meetingsApi } from '../../../contracts/modules/meetings.api';
import { ApiError } from '../../shared/api';
import { addDays } from '../../shared/dates';
import { defineMessages } from '../../shared/i18n';
import { call, invalidate } from '../../shared/typedApi';
import { showFieldErrors } from '../../shared/ui/formErrors';
import { useQueryClient } from '@tanstack/react-query';
import { type TLevel, cnIso, useLabels } from './common';
import { meetingMessages } from './meetings.i18n';

const bookMessages = defineMessages('meetings.book', {
  titleHint: { zh: '如：局务会', en: 'e.g. weekly bureau meeting' },
  capacityHint: { zh: '该会议室容纳 {n} 人', en: 'This room holds {n}' },
  submit: { zh: '确认预订', en: 'Book' },
  approvalHint: { zh: '该会议室的预订须经审批，审批前为您保留时段。', en: 'This room needs approval; the slot is held for you meanwhile.' },
});

/** What a booking dialog starts from: the room and a China day with clock times. */
export type BookTarget = {
  room: { id: number; name: string; capacity: number; layouts?: string[]; needsApproval?: boolean };
  date: string;
  start: string;
  end: string;
  attendees?: number;
};
type SeriesResult = z.infer<typeof ZMeetingSeriesResultSchema>;
type Conflict = { date: string; busy?: string };

/**
 * Books one meeting or a weekly / monthly series. A 409 stays on screen: the time that is taken
 * (from the server's message) or, for a series booked all or nothing, each taken date; a series
 * that skipped dates shows which.
 */
export function BookModal({ target, onClose, onBooked }: { target: BookTarget | null; onClose: () => void; onBooked?: () => void }) {
  const t = meetingMessages.useT();
  const tb = bookMessages.useT();
  const l = useLabels();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; conflicts: Conflict[] } | null>(null);
  const [result, setResult] = useState<SeriesResult | null>(null);
  const recurring = Form.useWatch('recurring', form) as boolean | undefined;
  const endsBy = Form.useWatch('endsBy', form) as 'count' | 'until' | undefined;
  const close = () => {
    setError(null);
    setResult(null);
    onClose();
  };
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    const core = {
      roomId: target!.room.id,
      title: v.title as string,
      start: cnIso(v.date, v.start),
      end: cnIso(v.date, v.end),
      attendees: v.attendees as number,
      level: v.level as TLevel,
      layout: v.layout ?? null,
    };
    try {
      if (!v.recurring) {
        const b = await call(meetingsApi.createBooking, { body: core });
        message.success(b.status === 'pending' ? t('bookedPending') : t('booked'));
        await invalidate(qc, ['meetings']);
        onBooked?.();
        close();
        return;
      }
      const r = await call(meetingsApi.createSeries, {
        body: {
          ...core,
          recurrence: {
            freq: v.freq,
            interval: v.interval ?? 1,
            ...(v.endsBy === 'until' ? { until: v.until } : { count: v.count }),
          },
          conflictMode: v.conflictMode,
        },
      });
      await invalidate(qc, ['meetings']);
      onBooked?.();
      if (r.skipped.length) setResult(r);
      else {
        message.success(t('seriesDone', { n: r.created.length }));
        close();
      }
    } catch (e) {
      const conflicts = (e instanceof ApiError && (e.details as { conflicts?: Conflict[] } | undefined)?.conflicts) || [];
      setError({ message: showFieldErrors(e, form), conflicts: Array.isArray(conflicts) ? conflicts : [] });
    } finally {
      setBusy(false);
    }
  };
  const room = target?.room;
  return (
    <Modal
      open={!!target}
      title={room ? t('bookRoom', { room: room.name }) : ''}
      onCancel={close}
      destroyOnHidden
      width={560}
      footer={
        result ? (
          <Button type="primary" onClick={close} data-testid="book-close">
            {t('close')}
          </Button>
        ) : (
          <>
            <Button onClick={close}>{t('close')}</Button>
            <Button
              type="primary"
              loading={busy}
              onClick={() => void submit().catch(() => {})}
              data-testid="book-submit"
              className="mt-touch"
            >
              {tb('submit')}
            </Button>
          </>
        )
      }
    >
      {result ? (
        <div data-testid="series-result" data-created={result.created.length} data-skipped={result.skipped.length}>
          <Alert type="success" showIcon title={t('seriesDone', { n: result.created.length })} style={{ marginBottom: 8 }} />
          <Alert
            type="warning"
            showIcon
            title={t('seriesSkipped', { n: result.skipped.length })}
            description={
              <ul className="mt-dates">
                {result.skipped.map((s) => (
                  <li key={s.date} data-testid="skipped-date" data-date={s.date}>
                    {s.date}（{s.reason}）
                  </li>
                ))}
              </ul>
            }
          />
        </div>
      ) : target ? (
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          data-testid="book-form"
          initialValues={{
            date: target.date,
            start: target.start,
            end: target.end,
            attendees: target.attendees ?? Math.min(10, target.room.capacity),
            level: 'ordinary',
            recurring: false,
            freq: 'weekly',
            interval: 1,
            endsBy: 'count',
            count: 4,
            until: addDays(target.date, 28),
            conflictMode: 'all_or_nothing',
          }}
        >
          {error ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="book-error"
              title={error.conflicts.length ? t('conflict') : error.message}
              description={
                error.conflicts.length ? (
                  <div>
                    <div>{t('conflictDates')}</div>
                    <ul className="mt-dates" data-testid="conflict-dates">
                      {error.conflicts.map((c) => (
                        <li key={c.date} data-testid="conflict-date" data-date={c.date}>
                          <b>{c.date}</b>
                          {c.busy ? ` ${c.busy}` : ''}
                        </li>
                      ))}
                    </ul>
                    <div>{t('conflictHint')}</div>
                  </div>
                ) : undefined
              }
            />
          ) : null}
          {target.room.needsApproval ? <Alert type="info" showIcon title={tb('approvalHint')} style={{ marginBottom: 12 }} /> : null}
          <Form.Item name="title" label={t('title')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={120} placeholder={tb('titleHint')} data-testid="book-title" size="large" />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item name="level" label={t('level')}>
                <Radio.Group optionType="button" buttonStyle="solid" size="large" data-testid="book-level">
                  <Radio.Button value="ordinary">{l.level('ordinary')}</Radio.Button>
                  <Radio.Button value="important">{l.level('important')}</Radio.Button>
                </Radio.Group>
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                name="attendees"
                label={t('attendees')}
                extra={tb('capacityHint', { n: target.room.capacity })}
                rules={[{ required: true }]}
              >
                <InputNumber min={1} max={10000} precision={0} size="large" style={{ width: '100%' }} data-testid="book-attendees" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col xs={24} sm={10}>
              <Form.Item name="date" label={t('date')} rules={[{ required: true }]}>
                <Input type="date" size="large" data-testid="book-date" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={7}>
              <Form.Item name="start" label={t('start')} rules={[{ required: true }]}>
                <Input type="time" step={300} size="large" data-testid="book-start" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={7}>
              <Form.Item
                name="end"
                label={t('end')}
                dependencies={['start']}
                rules={[
                  { required: true },
                  ({ getFieldValue }) => ({
                    validator: (_, v: string | undefined) =>
                      !v || !getFieldValue('start') || v > getFieldValue('start')
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('endAfter'))),
                  }),
                ]}
              >
                <Input type="time" step={300} size="large" data-testid="book-end" />
              </Form.Item>
            </Col>
          </Row>
          {target.room.layouts?.length ? (
            <Form.Item name="layout" label={t('layout')}>
              <Select allowClear size="large" options={target.room.layouts.map((x) => ({ value: x, label: l.layout(x as 'classroom') }))} />
            </Form.Item>
          ) : null}
          <Form.Item name="recurring" label={t('recurring')} valuePropName="checked">
            <Switch data-testid="book-recurring" />
          </Form.Item>
          {recurring ? (
            <div className="mt-recurrence" data-testid="book-recurrence">
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item name="freq" label={t('freq')}>
                    <Radio.Group optionType="button" buttonStyle="solid" data-testid="book-freq">
                      <Radio.Button value="weekly">{t('weekly')}</Radio.Button>
                      <Radio.Button value="monthly">{t('monthly')}</Radio.Button>
                    </Radio.Group>
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="endsBy" label={t('endsBy')}>
                    <Radio.Group optionType="button" data-testid="book-ends-by">
                      <Radio.Button value="count">{t('byCount')}</Radio.Button>
                      <Radio.Button value="until" data-testid="book-ends-until">
                        {t('byUntil')}
                      </Radio.Button>
                    </Radio.Group>
                  </Form.Item>
                </Col>
              </Row>
              {endsBy === 'until' ? (
                <Form.Item name="until" label={t('until')} rules={[{ required: true }]}>
                  <Input type="date" size="large" data-testid="book-until" />
                </Form.Item>
              ) : (
                <Form.Item name="count" label={t('count')} rules={[{ required: true }]}>
                  <InputNumber min={2} max={200} precision={0} size="large" style={{ width: '100%' }} data-testid="book-count" />
                </Form.Item>
              )}
              <Form.Item name="conflictMode" label={t('conflictMode')}>
                <Radio.Group data-testid="book-conflict-mode">
                  <Radio value="all_or_nothing" data-testid="mode-all">
                    {t('allOrNothing')}
                  </Radio>
                  <Radio value="skip" data-testid="mode-skip">
                    {t('skipConflicts')}
                  </Radio>
                </Radio.Group>
              </Form.Item>
            </div>
          ) : null}
        </Form>
      ) : null}
    </Modal>
  );
}
