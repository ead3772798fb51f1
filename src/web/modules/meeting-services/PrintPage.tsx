import { PrinterOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useParams } from 'react-router-dom';
import { meetingServicesApi } from '../../../contracts/modules/meeting-services.api';
import { fmtInstant } from '../../shared/dates';
import { useApiQuery } from '../../shared/typedApi';
import { Loading, PageHeader, QueryError } from '../../shared/ui/states';
import { svcMessages } from './services-i18n';
import './services.css';

/** The order's nameplates as A4 tent cards (one name per page) and the rostrum seating chart. */
export function PrintPage() {
  const t = svcMessages.useT();
  const { id } = useParams();
  const q = useApiQuery(meetingServicesApi.serviceOrder, { params: { id: Number(id) } });
  if (q.isLoading) return <Loading />;
  if (!q.data) return <QueryError queries={[q]} />;
  const o = q.data;
  // The seat number of each rostrum name: its place in precedence (1 = the most senior).
  const rank = new Map(o.rostrum.map((n, i) => [n, i + 1]));
  // Keys that stay unique when two people share a name (the nth card of that name).
  const keyed = (names: string[]) =>
    names.map((name, i) => ({ name, key: `${name}#${names.slice(0, i).filter((n) => n === name).length}` }));
  return (
    <div data-testid="service-print-page">
      <div className="hq-no-print">
        <PageHeader
          title={`${o.bookingTitle} · ${fmtInstant(o.start)}`}
          extra={
            <Space>
              <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-button">
                {t('print')}
              </Button>
            </Space>
          }
        />
        <h3>{t('tentCards')}</h3>
      </div>
      {keyed(o.nameplates).map(({ name, key }) => (
        <div className="svc-tent" key={key} data-testid="tent-card">
          <div className="svc-tent-half svc-upside">{name}</div>
          <div className="svc-tent-half">{name}</div>
        </div>
      ))}
      {o.rostrumSeats.length ? (
        <div className="svc-chart-page">
          <h2 style={{ textAlign: 'center' }}>
            {t('seatingChart')}：{o.bookingTitle}
          </h2>
          <div style={{ textAlign: 'center' }}>
            {o.roomName} · {fmtInstant(o.start)}
          </div>
          <div className="svc-chart" data-testid="rostrum-chart">
            {keyed(o.rostrumSeats).map(({ name, key }) => (
              <div className="svc-seat" key={key}>
                {name}
                <small>{rank.get(name)}</small>
              </div>
            ))}
          </div>
          <div style={{ textAlign: 'center', color: '#666' }}>{t('audience')}</div>
        </div>
      ) : null}
    </div>
  );
}
