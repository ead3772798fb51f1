import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Result } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { z } from 'zod';
import type { ZMeetingSignInResultSchema } from '../../../contracts/modules/meetings';
import { meetingsApi } from '../../../contracts/modules/meetings.api';
import { fmtInstant } from '../../shared/dates';
import { defineMessages } from '../../shared/i18n';
import { useApiMutation, useApiQuery } from '../../shared/typedApi';
import { showFieldErrors } from '../../shared/ui/formErrors';
import { ErrorState, Loading, PageHeader } from '../../shared/ui/states';
import { StatusTag, fmtPeriod } from './common';
import { meetingMessages } from './meetings.i18n';

const attendMessages = defineMessages('meetings.attend', {
  signInTitle: { zh: '参会签到', en: 'Meeting sign-in' },
  signInHint: { zh: '确认您本人参加会议，点击下方按钮签到。', en: 'Attending in person? Tap below to sign in.' },
  signIn: { zh: '签到', en: 'Sign in' },
  opensAt: { zh: '签到于 {t} 开放', en: 'Sign-in opens at {t}' },
  signedIn: { zh: '签到成功', en: 'Signed in' },
  already: { zh: '您已签到过', en: 'You had already signed in' },
  at: { zh: '签到时间 {t}', en: 'Signed in at {t}' },
  noToken: { zh: '签到链接不完整，请重新扫码', en: 'The sign-in link is incomplete; scan the code again' },
  checkInTitle: { zh: '会议签到（组织人）', en: 'Check in (organiser)' },
  checkInHint: {
    zh: '开始后 {min} 前未签到的会议将自动释放会议室并记为未签到。',
    en: 'A meeting not checked in by {min} is released and counted as a no-show.',
  },
  checkInDone: { zh: '已签到，会议室为您保留', en: 'Checked in: the room is yours' },
  notNow: { zh: '当前不在签到时间内', en: 'Check-in is not open now' },
  mine: { zh: '我的预订', en: 'My bookings' },
});

/** 参会签到: a signed-in member of staff opens the meeting's QR link on a phone and signs in with one tap. */
export function SignInPage() {
  const ta = attendMessages.useT();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [done, setDone] = useState<z.infer<typeof ZMeetingSignInResultSchema> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const signIn = useApiMutation(meetingsApi.signIn, { invalidates: [meetingsApi.attendance] });
  // The meeting behind the QR, shown before the tap (so nobody signs in to the wrong meeting).
  const preview = useApiQuery(meetingsApi.signInPreview, { query: { token } }, { enabled: token.length >= 16, retry: false });
  return (
    <div className="mt-page mt-narrow" data-testid="meetings-signin-page">
      <PageHeader title={ta('signInTitle')} />
      {!token ? (
        <Alert type="error" showIcon title={ta('noToken')} />
      ) : done ? (
        <Result
          status="success"
          icon={<CheckCircleFilled />}
          title={done.already ? ta('already') : ta('signedIn')}
          subTitle={
            <div data-testid="signin-done" data-already={String(done.already)}>
              <div className="mt-attend-title">{done.title}</div>
              <div>{ta('at', { t: fmtInstant(done.signedInAt) })}</div>
            </div>
          }
        />
      ) : (
        <Card>
          {preview.data ? (
            <div data-testid="signin-meeting" data-open={String(preview.data.open)} style={{ marginBottom: 12 }}>
              <div className="mt-attend-title">{preview.data.title}</div>
              <div>
                {fmtPeriod(preview.data.start, preview.data.end)} · {preview.data.roomName}
              </div>
              {preview.data.signedIn ? <Alert type="success" showIcon title={ta('already')} style={{ marginTop: 8 }} /> : null}
              {!preview.data.open ? (
                <Alert type="info" showIcon title={ta('opensAt', { t: fmtInstant(preview.data.opensAt) })} style={{ marginTop: 8 }} />
              ) : null}
            </div>
          ) : preview.error ? (
            <Alert type="error" showIcon title={showFieldErrors(preview.error)} style={{ marginBottom: 12 }} />
          ) : null}
          <p>{ta('signInHint')}</p>
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="signin-error" /> : null}
          <Button
            type="primary"
            block
            size="large"
            className="mt-huge"
            loading={signIn.isPending}
            data-testid="signin-submit"
            onClick={() =>
              signIn
                .mutateAsync({ body: { token } })
                .then(setDone)
                .catch((e) => setError(showFieldErrors(e)))
            }
          >
            {ta('signIn')}
          </Button>
        </Card>
      )}
    </div>
  );
}

/** The organiser's check-in page, opened from the door display's QR. */
export function CheckInPage() {
  const t = meetingMessages.useT();
  const ta = attendMessages.useT();
  const { id } = useParams();
  const q = useApiQuery(meetingsApi.booking, { params: { id: Number(id) || 0 } });
  const checkIn = useApiMutation(meetingsApi.checkIn, { invalidates: ['meetings'] });
  const [error, setError] = useState<string | null>(null);
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data) return <Loading />;
  const b = q.data;
  return (
    <div className="mt-page mt-narrow" data-testid="meetings-checkin-page">
      <PageHeader title={ta('checkInTitle')} />
      <Card>
        <div className="mt-attend-title">{b.title}</div>
        <Descriptions size="small" column={1} style={{ margin: '8px 0' }}>
          <Descriptions.Item label={t('time')}>{fmtPeriod(b.start, b.end)}</Descriptions.Item>
          <Descriptions.Item label={t('room')}>{b.roomName}</Descriptions.Item>
          <Descriptions.Item label={t('status')}>
            <StatusTag status={b.status} />
          </Descriptions.Item>
        </Descriptions>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
        {b.status === 'checked_in' ? (
          <Alert type="success" showIcon title={ta('checkInDone')} data-testid="checkin-done" />
        ) : b.canCheckIn ? (
          <>
            <p className="mt-muted">{ta('checkInHint', { min: fmtInstant(b.checkInUntil).slice(11) })}</p>
            <Button
              type="primary"
              block
              size="large"
              className="mt-huge"
              loading={checkIn.isPending}
              data-testid="checkin-submit"
              onClick={() => checkIn.mutateAsync({ params: { id: b.id } }).catch((e) => setError(showFieldErrors(e)))}
            >
              {t('checkIn')}
            </Button>
          </>
        ) : (
          <Alert type="info" showIcon title={ta('notNow')} />
        )}
        <div style={{ marginTop: 12 }}>
          <Link to="/meetings/mine">{ta('mine')}</Link>
        </div>
      </Card>
    </div>
  );
}
