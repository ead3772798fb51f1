import { CameraOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Input, List, Row, Space, Statistic, Table, Tag, message } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type { z } from 'zod';
import type { ZScanResultSchema, ZStocktakeSchema } from '../../../contracts/modules/assets';
import { useAuth } from '../../core/auth/auth';
import { UnitSelect } from '../../core/org/UnitSelect';
import { useActiveOrg } from '../../shared/activeOrg';
import { FormModal } from '../../shared/ui/FormModal';
import type { RouteBody } from '../../../contracts/route';
import { PrintLayout } from '../../shared/ui/PrintLayout';
import { ServerTable } from '../../shared/ui/ServerTable';
import { ErrorState, Loading, PageHeader } from '../../shared/ui/states';
import { formatMoney } from '../../shared/money';
import { byCode, assetsMessages, poolMessages, stocktakeMessages } from './i18n';
import { assetStocktakesApi } from '../../../contracts/modules/assets.api';
import { call, invalidate, useApiMutation, useApiQuery } from '../../shared/typedApi';

type Stocktake = z.infer<typeof ZStocktakeSchema>;
type ScanResult = z.infer<typeof ZScanResultSchema>;

/** A label's QR holds the card's address; a typed or barcode-scanned code is the code itself. */
export const codeFromScan = (text: string) => {
  const m = /\/assets\/card\/([^/?#]+)/.exec(text.trim());
  return m ? decodeURIComponent(m[1]!) : text.trim();
};

export function StocktakeListPage() {
  const create = useApiMutation(assetStocktakesApi.create, { invalidates: [assetStocktakesApi.list] });
  const ta = assetsMessages.useT();
  const tp = poolMessages.useT();
  const tst = stocktakeMessages.useT();
  const nav = useNavigate();
  const { hasPermission } = useAuth();
  const [activeOrg] = useActiveOrg();
  const [adding, setAdding] = useState(false);
  return (
    <div data-testid="stocktake-list">
      <PageHeader
        title={tst('title')}
        extra={
          hasPermission('assets.write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="stocktake-new">
              {tst('new')}
            </Button>
          ) : null
        }
      />
      <ServerTable<Stocktake>
        route={assetStocktakesApi.list}
        onRow={(r) => ({ onClick: () => nav(`/assets/stocktakes/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: tp('code'), dataIndex: 'code' },
          { title: tst('name'), dataIndex: 'name' },
          { title: ta('org'), dataIndex: 'orgName' },
          { title: ta('location'), dataIndex: 'location' },
          { title: tst('expected'), dataIndex: 'expected', align: 'right' },
          { title: tst('found'), dataIndex: 'found', align: 'right' },
          { title: tst('missing'), key: 'missing', align: 'right', render: (_: unknown, r) => r.missing.length },
          {
            title: tp('status'),
            dataIndex: 'status',
            render: (s: string) => <Tag>{s === 'open' ? tst('s.open') : byCode(tp, 'rs', s)}</Tag>,
          },
        ]}
      />
      <FormModal<RouteBody<typeof assetStocktakesApi.create>>
        open={adding}
        title={tst('new')}
        onClose={() => setAdding(false)}
        initialValues={{ orgId: activeOrg ?? undefined }}
        onSubmit={(v) => create.mutateAsync({ body: v }).then((r) => nav(`/assets/stocktakes/${r.id}`))}
      >
        <Form.Item name="orgId" label={ta('org')} rules={[{ required: true }]}>
          <UnitSelect testId="stocktake-org" />
        </Form.Item>
        <Form.Item name="name" label={tst('name')} rules={[{ required: true }]}>
          <Input data-testid="stocktake-name" />
        </Form.Item>
        <Form.Item name="location" label={tst('scope')}>
          <Input />
        </Form.Item>
      </FormModal>
    </div>
  );
}

type Detector = { detect: (v: HTMLVideoElement) => Promise<{ rawValue: string }[]> };

/** The phone's camera reading QR codes, where the browser has BarcodeDetector (Chrome on Android). */
function CameraScanner({ onCode }: { onCode: (code: string) => void }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    let stop = false;
    let stream: MediaStream | undefined;
    const Ctor = (window as unknown as { BarcodeDetector?: new (o: unknown) => Detector }).BarcodeDetector;
    if (!Ctor) return;
    const detector = new Ctor({ formats: ['qr_code'] });
    let last = '';
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (s) => {
        stream = s;
        if (!ref.current) return;
        ref.current.srcObject = s;
        await ref.current.play();
        while (!stop) {
          const codes = await detector.detect(ref.current).catch(() => []);
          const v = codes[0]?.rawValue;
          if (v && v !== last) {
            last = v;
            onCode(codeFromScan(v));
          }
          await new Promise((r) => setTimeout(r, 300));
        }
      })
      .catch((e) => message.error(String(e)));
    return () => {
      stop = true;
      for (const tr of stream?.getTracks() ?? []) tr.stop();
    };
  }, [onCode]);
  return <video ref={ref} muted playsInline style={{ width: '100%', maxHeight: 280, background: '#000' }} />;
}

export function StocktakeDetailPage() {
  const ta = assetsMessages.useT();
  const tp = poolMessages.useT();
  const tst = stocktakeMessages.useT();
  const { id } = useParams();
  const qc = useQueryClient();
  const { hasPermission } = useAuth();
  const [last, setLast] = useState<ScanResult[]>([]);
  const [camera, setCamera] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [form] = Form.useForm();
  const q = useApiQuery(assetStocktakesApi.get, { params: { id: Number(id) } });
  const scan = async (code: string, foundLocation?: string) => {
    if (!code) return;
    try {
      const r = await call(assetStocktakesApi.scan, {
        params: { id: Number(id) },
        body: {
          code: codeFromScan(code),
          foundLocation: foundLocation || undefined,
        },
      });
      setLast((l) => [r, ...l].slice(0, 20));
      form.setFieldValue('code', '');
      invalidate(qc, [assetStocktakesApi.get, assetStocktakesApi.list]);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  if (q.isLoading) return <Loading />;
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const s = q.data;
  const open = ['open', 'returned'].includes(s.status);
  const canCamera = typeof window !== 'undefined' && 'BarcodeDetector' in window;
  const lines = (rows: Stocktake['missing']) => (
    <Table
      size="small"
      rowKey="code"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={rows}
      columns={[
        { title: ta('code'), dataIndex: 'code' },
        { title: ta('name'), dataIndex: 'name' },
        { title: ta('location'), dataIndex: 'location' },
        { title: tst('foundAt'), dataIndex: 'foundLocation' },
        { title: ta('originalValue'), dataIndex: 'originalValue', align: 'right', render: (v: string | null) => formatMoney(v) },
      ]}
    />
  );
  if (printing)
    return (
      <div>
        <Space className="hq-no-print" style={{ marginBottom: 12 }}>
          <Button onClick={() => setPrinting(false)}>←</Button>
        </Space>
        <PrintLayout issuer={s.orgName} title={`${tst('report')}（${s.code}）`} docNo={s.code} signatures>
          <p>
            {s.name} · {s.location ?? ''} · {tst('expected')} {s.expected} · {tst('found')} {s.found} · {tst('missing')} {s.missing.length}{' '}
            · {tst('surplus')} {s.surplus.length}
          </p>
          <h4>{tst('missing')}</h4>
          {lines(s.missing)}
          <h4>{tst('moved')}</h4>
          {lines(s.moved)}
          <h4>{tst('surplus')}</h4>
          {lines(s.surplus)}
        </PrintLayout>
      </div>
    );
  return (
    <div style={{ maxWidth: 960 }} data-testid="stocktake-detail">
      <PageHeader
        title={`${s.name}（${s.code}）`}
        extra={
          <Space wrap>
            <Button icon={<PrinterOutlined />} onClick={() => setPrinting(true)} data-testid="stocktake-print">
              {tst('report')}
            </Button>
            {open && hasPermission('assets.write') ? (
              <Button
                type="primary"
                data-testid="stocktake-close"
                onClick={() =>
                  call(assetStocktakesApi.close, { params: { id: Number(id) } })
                    .then(() => invalidate(qc, [assetStocktakesApi.get, assetStocktakesApi.list]))
                    .catch((e) => message.error(e.message))
                }
              >
                {tst('close')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {[
          ['expected', s.expected],
          ['found', s.found],
          ['missing', s.missing.length],
          ['moved', s.moved.length],
          ['surplus', s.surplus.length],
        ].map(([k, v]) => (
          <Col xs={8} md={4} key={k as string}>
            <Card size="small" data-testid={`stocktake-st.${k}`}>
              <Statistic title={tst(k as 'expected' | 'found' | 'missing' | 'moved' | 'surplus')} value={v as number} />
            </Card>
          </Col>
        ))}
      </Row>
      {open ? (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Form form={form} layout="inline" onFinish={(v) => scan(v.code, v.foundLocation)} style={{ rowGap: 8 }}>
            <Form.Item name="code" style={{ flex: '1 1 220px' }}>
              <Input autoFocus placeholder={tst('scan')} data-testid="stocktake-code" />
            </Form.Item>
            <Form.Item name="foundLocation" style={{ flex: '1 1 160px' }}>
              <Input placeholder={tst('foundAt')} />
            </Form.Item>
            <Button type="primary" htmlType="submit" data-testid="stocktake-scan">
              {tst('scanBtn')}
            </Button>
            {canCamera ? (
              <Button icon={<CameraOutlined />} onClick={() => setCamera((c) => !c)}>
                {tst('camera')}
              </Button>
            ) : null}
          </Form>
          {camera ? <CameraScanner onCode={(c) => scan(c, form.getFieldValue('foundLocation'))} /> : null}
          <List
            size="small"
            dataSource={last}
            data-testid="stocktake-last"
            renderItem={(r) => (
              <List.Item>
                <Tag
                  color={{ found: 'green', moved: 'orange', surplus: 'red', again: 'default' }[r.result]}
                  data-testid={`scan-result-${r.result}`}
                >
                  {byCode(tst, 'r', r.result)}
                </Tag>
                {r.code} {r.name ?? ''}
              </List.Item>
            )}
          />
        </Card>
      ) : (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={byCode(tp, 'rs', s.status)} />
      )}
      <Card size="small" title={`${tst('missing')}（${s.missing.length}）`} style={{ marginBottom: 12 }}>
        {lines(s.missing)}
      </Card>
      <Card size="small" title={`${tst('moved')}（${s.moved.length}）`} style={{ marginBottom: 12 }}>
        {lines(s.moved)}
      </Card>
      <Card size="small" title={`${tst('surplus')}（${s.surplus.length}）`}>
        {lines(s.surplus)}
      </Card>
    </div>
  );
}
