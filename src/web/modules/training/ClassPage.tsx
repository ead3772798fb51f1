import { DownloadOutlined, PrinterOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, message } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { TClassDetail, TTrainee } from '../../../contracts/modules/training';
import { trainingApi } from '../../../contracts/modules/training.api';
import { useAuth } from '../../core/auth/auth';
import { fmtDay, fmtInstant } from '../../shared/dates';
import { formatMoney } from '../../shared/money';
import { download, useApiMutation, useApiQuery } from '../../shared/typedApi';
import { showFieldErrors } from '../../shared/ui/formErrors';
import { Loading, PageHeader, QueryError } from '../../shared/ui/states';
import { ClassStatus } from './ClassesPage';
import { FeeChecks } from './common';
import { trainingMessages } from './i18n';

/** Manual allocation: a bed free on the first night (the server checks every night and answers 409 otherwise). */
function AllocateModal({ k, trainee, onClose }: { k: TClassDetail; trainee: TTrainee | null; onClose: () => void }) {
  const t = trainingMessages.useT();
  const [bedId, setBedId] = useState<number>();
  const board = useApiQuery(trainingApi.board, { params: { id: k.centreId }, query: { night: k.startDate } }, { enabled: !!trainee });
  const allocate = useApiMutation(trainingApi.allocate, { invalidates: ['training'] });
  const free = (board.data?.rooms ?? []).flatMap((r) =>
    r.beds.filter((b) => !b.traineeId).map((b) => ({ value: b.id, label: `${r.number} · ${t('bedN', { n: b.label })}` })),
  );
  return (
    <Modal
      open={!!trainee}
      title={`${t('allocate')} · ${trainee?.name ?? ''}`}
      onCancel={onClose}
      okButtonProps={{ disabled: !bedId, 'data-testid': 'allocate-ok' } as never}
      confirmLoading={allocate.isPending}
      onOk={async () => {
        try {
          await allocate.mutateAsync({ params: { id: k.id }, body: { traineeId: trainee!.id, bedId: bedId! } });
          setBedId(undefined);
          onClose();
        } catch (e) {
          message.error(showFieldErrors(e));
        }
      }}
      destroyOnHidden
    >
      <p>{t('pickBed')}</p>
      <Select
        showSearch
        optionFilterProp="label"
        style={{ width: '100%' }}
        value={bedId}
        onChange={setBedId}
        options={free}
        data-testid="allocate-bed"
      />
    </Modal>
  );
}

function SettleCard({ k }: { k: TClassDetail }) {
  const t = trainingMessages.useT();
  const [form] = Form.useForm();
  const settle = useApiMutation(trainingApi.settle, { invalidates: ['training'] });
  const money = [{ required: true }, { pattern: /^\d+(\.\d{1,2})?$/, message: t('total') }];
  return (
    <Card size="small" title={t('settleTitle')} data-testid="class-settle-form">
      <Alert type="info" showIcon message={t('settleHint')} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" initialValues={{ trainees: Math.max(1, k.traineeCount), arrivalDays: 1, departureDays: 1 }}>
        <Space wrap align="start">
          <Form.Item name="trainees" label={t('settleTrainees')} rules={[{ required: true }]}>
            <InputNumber min={1} precision={0} />
          </Form.Item>
          <Form.Item name="days" label={t('trainingDays')}>
            <InputNumber min={1} precision={0} />
          </Form.Item>
          <Form.Item name="arrivalDays" label={t('arrivalDays')} rules={[{ required: true }]}>
            <InputNumber min={0} max={10} precision={0} />
          </Form.Item>
          <Form.Item name="departureDays" label={t('departureDays')} rules={[{ required: true }]}>
            <InputNumber min={0} max={10} precision={0} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item name="lodging" label={t('lodging')} rules={money}>
            <Input inputMode="decimal" style={{ width: 150 }} data-testid="tsettle-lodging" />
          </Form.Item>
          <Form.Item name="meals" label={t('meals')} rules={money}>
            <Input inputMode="decimal" style={{ width: 150 }} data-testid="tsettle-meals" />
          </Form.Item>
          <Form.Item name="other" label={t('other')} rules={money}>
            <Input inputMode="decimal" style={{ width: 150 }} data-testid="tsettle-other" />
          </Form.Item>
        </Space>
        <Button
          type="primary"
          loading={settle.isPending}
          data-testid="class-settle"
          onClick={async () => {
            const v = await form.validateFields();
            try {
              await settle.mutateAsync({ params: { id: k.id }, body: { ...v, days: v.days ?? undefined } });
            } catch (e) {
              message.error(showFieldErrors(e, form));
            }
          }}
        >
          {t('settle')}
        </Button>
      </Form>
    </Card>
  );
}

export function SettlementFacts({ k }: { k: TClassDetail }) {
  const t = trainingMessages.useT();
  const s = k.settlement!;
  return (
    <>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }} data-testid="class-settlement">
        <Descriptions.Item label={t('settleTrainees')}>{s.trainees}</Descriptions.Item>
        <Descriptions.Item label={t('trainingDays')}>{s.days}</Descriptions.Item>
        <Descriptions.Item label={t('arrivalDays')}>{s.arrivalDays}</Descriptions.Item>
        <Descriptions.Item label={t('departureDays')}>{s.departureDays}</Descriptions.Item>
        <Descriptions.Item label={t('rate')}>{formatMoney(s.rate)}</Descriptions.Item>
        <Descriptions.Item label={t('longRate')}>{formatMoney(s.longRate)}</Descriptions.Item>
        <Descriptions.Item label={t('lodging')}>{formatMoney(s.lodging)}</Descriptions.Item>
        <Descriptions.Item label={t('meals')}>{formatMoney(s.meals)}</Descriptions.Item>
        <Descriptions.Item label={t('other')}>{formatMoney(s.other)}</Descriptions.Item>
        <Descriptions.Item label={t('total')}>{formatMoney(s.total)}</Descriptions.Item>
        <Descriptions.Item label={t('cap')}>{formatMoney(s.cap)}</Descriptions.Item>
        <Descriptions.Item label={t('status')}>{fmtInstant(s.settledAt)}</Descriptions.Item>
      </Descriptions>
      <div style={{ marginTop: 8 }}>
        {s.passed ? <Tag color="green">{t('passed')}</Tag> : <Tag color="red">{t('failed')}</Tag>}
        <span style={{ color: '#888', fontSize: 12 }}>{t('ruleVersion', { v: s.ruleVersion })}</span>
      </div>
      <FeeChecks checks={s.checks} />
    </>
  );
}

/** One class: its trainees with beds (auto or by hand), check-in and check-out, then the settlement. */
export function ClassPage() {
  const t = trainingMessages.useT();
  const id = Number(useParams().id);
  const { hasPermission } = useAuth();
  const canManage = hasPermission('training.manage');
  const q = useApiQuery(trainingApi.class, { params: { id } });
  const auto = useApiMutation(trainingApi.autoAllocate, { invalidates: ['training'] });
  const checkIn = useApiMutation(trainingApi.checkIn, { invalidates: ['training'] });
  const checkOut = useApiMutation(trainingApi.checkOut, { invalidates: ['training'] });
  const [allocating, setAllocating] = useState<TTrainee | null>(null);
  if (q.isError) return <QueryError queries={[q]} />;
  const k = q.data;
  if (!k) return <Loading />;
  const open = canManage && k.status !== 'settled';
  const act = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      message.error(showFieldErrors(e));
    }
  };
  return (
    <div data-testid="training-class-page">
      <PageHeader title={k.title} extra={<Link to="/training/classes">{t('back')}</Link>} />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('centre')}>{k.centreName}</Descriptions.Item>
          <Descriptions.Item label={t('organiser')}>{k.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('category')}>{t(`cat.${k.category as 1}`)}</Descriptions.Item>
          <Descriptions.Item label={t('dates')}>
            {fmtDay(k.startDate)} – {fmtDay(k.endDate)}
          </Descriptions.Item>
          <Descriptions.Item label={t('trainees')}>
            {t('traineeCounts', { n: k.traineeCount, a: k.allocatedCount, c: k.checkedInCount })}
          </Descriptions.Item>
          <Descriptions.Item label={t('status')}>
            <ClassStatus s={k.status} />
          </Descriptions.Item>
        </Descriptions>
        <Card
          size="small"
          title={t('trainees')}
          extra={
            <Space wrap>
              <Button
                icon={<DownloadOutlined />}
                data-testid="roster-export"
                onClick={() => act(download(trainingApi.exportRoster, { params: { id } }))}
              >
                {t('exportRoster')}
              </Button>
              {open ? (
                <Button
                  icon={<ThunderboltOutlined />}
                  loading={auto.isPending}
                  data-testid="auto-allocate"
                  onClick={() =>
                    act(
                      auto
                        .mutateAsync({ params: { id } })
                        .then((r) => message.success(t('autoDone', { a: r.allocated, u: r.unallocated }))),
                    )
                  }
                >
                  {t('autoAllocate')}
                </Button>
              ) : null}
            </Space>
          }
        >
          <Table<TTrainee>
            rowKey="id"
            size="small"
            dataSource={k.trainees}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: 600 }}
            data-testid="trainees-table"
            columns={[
              { title: t('name'), dataIndex: 'name' },
              { title: t('unitName'), dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
              { title: t('phone'), dataIndex: 'phoneTail', render: (v: string | null) => (v ? `****${v}` : '—') },
              {
                title: t('roomBed'),
                key: 'bed',
                render: (_: unknown, r) =>
                  r.roomNumber ? (
                    <span data-testid={`trainee-bed-${r.id}`}>
                      {r.roomNumber} · {t('bedN', { n: r.bedLabel ?? '' })}（{r.nights}）
                    </span>
                  ) : open ? (
                    <Button size="small" data-testid={`allocate-${r.id}`} onClick={() => setAllocating(r)}>
                      {t('allocate')}
                    </Button>
                  ) : (
                    '—'
                  ),
              },
              {
                title: t('stay'),
                key: 'stay',
                render: (_: unknown, r) => {
                  if (r.checkedOutAt) return <Tag>{t('checkedOut')}</Tag>;
                  if (r.checkedInAt)
                    return (
                      <Space>
                        <Tag color="green" data-testid={`trainee-in-${r.id}`}>
                          {t('checkedIn')}
                        </Tag>
                        {open ? (
                          <Button
                            size="small"
                            data-testid={`check-out-${r.id}`}
                            onClick={() => act(checkOut.mutateAsync({ params: { id: r.id } }))}
                          >
                            {t('checkOut')}
                          </Button>
                        ) : null}
                      </Space>
                    );
                  return open && r.roomNumber ? (
                    <Button
                      size="small"
                      type="primary"
                      data-testid={`check-in-${r.id}`}
                      onClick={() => act(checkIn.mutateAsync({ params: { id: r.id } }))}
                    >
                      {t('checkIn')}
                    </Button>
                  ) : (
                    <Tag>{t('notIn')}</Tag>
                  );
                },
              },
            ]}
          />
        </Card>
        {k.settlement ? (
          <Card
            size="small"
            title={t('settleTitle')}
            extra={
              <Link to={`/training/classes/${k.id}/print`}>
                <Button size="small" icon={<PrinterOutlined />} data-testid="class-print">
                  {t('print')}
                </Button>
              </Link>
            }
          >
            <SettlementFacts k={k} />
          </Card>
        ) : canManage ? (
          <SettleCard k={k} />
        ) : null}
      </Space>
      <AllocateModal k={k} trainee={allocating} onClose={() => setAllocating(null)} />
    </div>
  );
}
