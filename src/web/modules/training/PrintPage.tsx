import { Table } from 'antd';
import { useParams } from 'react-router-dom';
import { trainingApi } from '../../../contracts/modules/training.api';
import { fmtDay } from '../../shared/dates';
import { PrintLayout } from '../../shared/ui/PrintLayout';
import { Loading, QueryError } from '../../shared/ui/states';
import { useApiQuery } from '../../shared/typedApi';
import { SettlementFacts } from './ClassPage';
import { trainingMessages } from './i18n';

/** The class settlement with the roster, on A4 for signature. */
export function ClassPrintPage() {
  const t = trainingMessages.useT();
  const id = Number(useParams().id);
  const q = useApiQuery(trainingApi.class, { params: { id } });
  if (q.isError) return <QueryError queries={[q]} />;
  const k = q.data;
  if (!k) return <Loading />;
  return (
    <div data-testid="class-print-page">
      <PrintLayout issuer={k.centreName} title={t('printTitle')} docNo={`${k.title} · ${fmtDay(k.startDate)} – ${fmtDay(k.endDate)}`}>
        {k.settlement ? <SettlementFacts k={k} /> : null}
        <h3>{t('trainees')}</h3>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={k.trainees}
          columns={[
            { title: '#', key: 'n', render: (_: unknown, _r, i) => i + 1 },
            { title: t('name'), dataIndex: 'name' },
            { title: t('unitName'), dataIndex: 'unitName' },
            { title: t('roomBed'), key: 'bed', render: (_: unknown, r) => (r.roomNumber ? `${r.roomNumber}-${r.bedLabel}` : '—') },
            { title: t('nights'), dataIndex: 'nights', align: 'right' },
          ]}
        />
      </PrintLayout>
    </div>
  );
}
