import { CameraOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Input, List, Row, Space, Statistic, Table, Tag, message } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import type { z } from 'zod';
import type { ZScanResultSchema, ZStocktakeSchema } from '../../../contracts/modules/assets';
import { useAuth } from '../../core/auth/auth';
import { UnitSelect } from '../../core/org/UnitSelect';
import { useActiveOrg } from '../../shared/activeOrg';
import { api } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { FormModal } from '../../shared/ui/FormModal';
import { PrintLayout } from '../../shared/ui/PrintLayout';
import { ServerTable } from '../../shared/ui/ServerTable';
import { ErrorState, Loading, PageHeader } from '../../shared/ui/states';
import './i18n';
import { formatMoney } from '../../shared/money';

type Stocktake = z.infer<typeof ZStocktakeSchema>;
type ScanResult = z.infer<typeof ZScanResultSchema>;

/** A label's QR holds the card's address; a typed or barcode-scanned code is the code itself. */
export const codeFromScan = (text: string) => {
  const m = /\/assets\/card\/([^/?#]+)/.exec(text.trim());
  return m ? decodeURIComponent(m[1]!) : text.trim();
};

export function StocktakeListPage() {
  const t = useT();
  const nav = useNavigate();
  const { hasPermission } = useAuth();
  const [activeOrg] = useActiveOrg();
  const [adding, setAdding] = useState(false);
  return (
    <div data-testid="stocktake-list">
      <PageHeader
        title={t('st.title')}
        extra={
          hasPermission('assets.write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="stocktake-new">
              {t('st.new')}
            </Button>
          ) : null
        }
      />
      <ServerTable<Stocktake>
        queryKey="stocktakes"
        path="/asset-stocktakes"
        onRow={(r) => ({ onClick: () => nav(`/assets/stocktakes/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('pool.code'), dataIndex: 'code' },
          { title: t('st.name'), dataIndex: 'name' },
          { title: t('as.org'), dataIndex: 'orgName' },
          { title: t('as.location'), dataIndex: 'location' },
          { title: t('st.expected'), dataIndex: 'expected', align: 'right' },
          { title: t('st.found'), dataIndex: 'found', align: 'right' },
          { title: t('st.missing'), key: 'missing', align: 'right', render: (_: unknown, r) => r.missing.length },
          {
            title: t('pool.status'),
            dataIndex: 'status',
            render: (s: string) => <Tag>{s === 'open' ? t('st.s.open') : t(`pool.rs.${s}`)}</Tag>,
          },
        ]}
      />
      <FormModal
        open={adding}
        title={t('st.new')}
        onClose={() => setAdding(false)}
        initialValues={{ orgId: activeOrg ?? undefined }}
        onSubmit={(v) => api.post<Stocktake>('/asset-stocktakes', v).then((r) => nav(`/assets/stocktakes/${r.id}`))}
      >
        <Form.Item name="orgId" label={t('as.org')} rules={[{ required: true }]}>
          <UnitSelect testId="stocktake-org" />
        </Form.Item>
        <Form.Item name="name" label={t('st.name')} rules={[{ required: true }]}>
          <Input data-testid="stocktake-name" />
        </Form.Item>
        <Form.Item name="location" label={t('st.scope')}>
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
  const t = useT();
  const { id } = useParams();
  const qc = useQueryClient();
  const { hasPermission } = useAuth();
  const [last, setLast] = useState<ScanResult[]>([]);
  const [camera, setCamera] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [form] = Form.useForm();
  const q = useQuery({ queryKey: ['stocktake', id], queryFn: () => api.get<Stocktake>(`/asset-stocktakes/${id}`) });
  const scan = async (code: string, foundLocation?: string) => {
    if (!code) return;
    try {
      const r = await api.post<ScanResult>(`/asset-stocktakes/${id}/scans`, {
        code: codeFromScan(code),
        foundLocation: foundLocation || undefined,
      });
      setLast((l) => [r, ...l].slice(0, 20));
      form.setFieldValue('code', '');
      qc.invalidateQueries({ queryKey: ['stocktake', id] });
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
        { title: t('as.code'), dataIndex: 'code' },
        { title: t('as.name'), dataIndex: 'name' },
        { title: t('as.location'), dataIndex: 'location' },
        { title: t('st.foundAt'), dataIndex: 'foundLocation' },
        { title: t('as.originalValue'), dataIndex: 'originalValue', align: 'right', render: (v: string | null) => formatMoney(v) },
      ]}
    />
  );
  if (printing)
    return (
      <div>
        <Space className="hq-no-print" style={{ marginBottom: 12 }}>
          <Button onClick={() => setPrinting(false)}>←</Button>
        </Space>
        <PrintLayout issuer={s.orgName} title={`${t('st.report')}（${s.code}）`} docNo={s.code} signatures>
          <p>
            {s.name} · {s.location ?? ''} · {t('st.expected')} {s.expected} · {t('st.found')} {s.found} · {t('st.missing')}{' '}
            {s.missing.length} · {t('st.surplus')} {s.surplus.length}
          </p>
          <h4>{t('st.missing')}</h4>
          {lines(s.missing)}
          <h4>{t('st.moved')}</h4>
          {lines(s.moved)}
          <h4>{t('st.surplus')}</h4>
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
              {t('st.report')}
            </Button>
            {open && hasPermission('assets.write') ? (
              <Button
                type="primary"
                data-testid="stocktake-close"
                onClick={() =>
                  api
                    .post(`/asset-stocktakes/${id}/close`)
                    .then(() => q.refetch())
                    .catch((e) => message.error(e.message))
                }
              >
                {t('st.close')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {[
          ['st.expected', s.expected],
          ['st.found', s.found],
          ['st.missing', s.missing.length],
          ['st.moved', s.moved.length],
          ['st.surplus', s.surplus.length],
        ].map(([k, v]) => (
          <Col xs={8} md={4} key={k as string}>
            <Card size="small" data-testid={`stocktake-${k}`}>
              <Statistic title={t(k as string)} value={v as number} />
            </Card>
          </Col>
        ))}
      </Row>
      {open ? (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Form form={form} layout="inline" onFinish={(v) => scan(v.code, v.foundLocation)} style={{ rowGap: 8 }}>
            <Form.Item name="code" style={{ flex: '1 1 220px' }}>
              <Input autoFocus placeholder={t('st.scan')} data-testid="stocktake-code" />
            </Form.Item>
            <Form.Item name="foundLocation" style={{ flex: '1 1 160px' }}>
              <Input placeholder={t('st.foundAt')} />
            </Form.Item>
            <Button type="primary" htmlType="submit" data-testid="stocktake-scan">
              {t('st.scanBtn')}
            </Button>
            {canCamera ? (
              <Button icon={<CameraOutlined />} onClick={() => setCamera((c) => !c)}>
                {t('st.camera')}
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
                  {t(`st.r.${r.result}`)}
                </Tag>
                {r.code} {r.name ?? ''}
              </List.Item>
            )}
          />
        </Card>
      ) : (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t(`pool.rs.${s.status}`)} />
      )}
      <Card size="small" title={`${t('st.missing')}（${s.missing.length}）`} style={{ marginBottom: 12 }}>
        {lines(s.missing)}
      </Card>
      <Card size="small" title={`${t('st.moved')}（${s.moved.length}）`} style={{ marginBottom: 12 }}>
        {lines(s.moved)}
      </Card>
      <Card size="small" title={`${t('st.surplus')}（${s.surplus.length}）`}>
        {lines(s.surplus)}
      </Card>
    </div>
  );
}
