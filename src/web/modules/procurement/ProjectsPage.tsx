import { useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Form, Input, Row, Select, Statistic, Tag, Tooltip } from 'antd';
import type { Dayjs } from 'dayjs';
import { PROCUREMENT_METHODS, type TProject } from '../../../contracts/modules/procurement';
import { api } from '../../shared/api';
import { useT } from '../../shared/i18n';
import { ServerTable } from '../../shared/ui/ServerTable';
import { PageHeader } from '../../shared/ui/states';
import './i18n';

type Savings = { projects: number; budget: string; contractAmount: string; saved: string; savingsRate: number | null };
const wan = (yuan: string) => `${(Number(yuan) / 10000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万`;
const dateField = { normalize: (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined), getValueProps: () => ({}) };

/** 政府采购项目: the list with its disclosure compliance, and the savings of the last whole year above it. */
export function ProjectsPage() {
  const t = useT();
  const year = new Date().getFullYear() - 1;
  const savings = useQuery({
    queryKey: ['pc-savings', year],
    queryFn: () => api.get<Savings>('/procurement/savings', { from: `${year}-01-01`, to: `${year}-12-31` }),
  });
  const s = savings.data;
  return (
    <div data-testid="procurement-page">
      <PageHeader title={t('pc.title')} />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {[
          ['pc.sumProjects', s ? String(s.projects) : '—'],
          ['pc.sumBudget', s ? wan(s.budget) : '—'],
          ['pc.sumContract', s ? wan(s.contractAmount) : '—'],
          ['pc.sumSaved', s ? wan(s.saved) : '—'],
          ['pc.rate', s?.savingsRate != null ? `${(s.savingsRate * 100).toFixed(2)} %` : '—'],
        ].map(([k, v]) => (
          <Col xs={12} md={8} lg={4} key={k}>
            <Card size="small" data-testid={`pc-stat-${k}`}>
              <Statistic title={`${year} · ${t(k as string)}`} value={v} />
            </Card>
          </Col>
        ))}
      </Row>
      <ServerTable<TProject>
        queryKey="pc-projects"
        path="/procurement/projects"
        exportPath="/procurement/projects/export"
        testId="procurement-table"
        filters={
          <>
            <Form.Item name="method">
              <Select
                allowClear
                placeholder={t('pc.method')}
                style={{ width: 150 }}
                options={PROCUREMENT_METHODS.map((m) => ({ value: m, label: t(`pc.m.${m}`) }))}
              />
            </Form.Item>
            <Form.Item name="from" {...dateField}>
              <DatePicker placeholder={t('pc.from')} />
            </Form.Item>
            <Form.Item name="to" {...dateField}>
              <DatePicker placeholder={t('pc.to')} />
            </Form.Item>
            <Form.Item name="q">
              <Input allowClear placeholder={t('pc.search')} style={{ width: 180 }} data-testid="pc-filter-q" />
            </Form.Item>
          </>
        }
        columns={[
          { title: t('pc.code'), dataIndex: 'code', sorter: true, key: 'code' },
          { title: t('pc.name'), dataIndex: 'name', sorter: true, key: 'name' },
          { title: t('pc.org'), dataIndex: 'orgName' },
          { title: t('pc.method'), dataIndex: 'method', render: (m: string) => t(`pc.m.${m}`) },
          { title: t('pc.budget'), dataIndex: 'budget', sorter: true, key: 'budget', align: 'right' },
          {
            title: t('pc.contract'),
            dataIndex: 'contractAmount',
            sorter: true,
            key: 'contractAmount',
            align: 'right',
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('pc.rate'),
            dataIndex: 'savingsRate',
            align: 'right',
            render: (v: number | null) => (v == null ? '—' : `${(v * 100).toFixed(2)} %`),
          },
          { title: t('pc.award'), dataIndex: 'awardDate', sorter: true, key: 'awardDate', render: (v: string | null) => v ?? '—' },
          {
            title: t('pc.breaches'),
            key: 'breaches',
            render: (_: unknown, r: TProject) =>
              r.breaches.length === 0 ? (
                <Tag color="green">{t('pc.ok')}</Tag>
              ) : (
                r.breaches.map((b) => (
                  <Tooltip key={b.code} title={b.message}>
                    <Tag color="red" data-testid={`pc-breach-${r.code}`}>
                      {b.message}
                    </Tag>
                  </Tooltip>
                ))
              ),
          },
        ]}
      />
    </div>
  );
}
