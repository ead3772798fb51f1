import { Alert } from 'antd';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../shared/api';
import { ErrorState, Loading, PageHeader } from '../../shared/ui/states';
import { AssetCardView } from './common';
import { assetsMessages } from './i18n';
import { assetsApi } from '../../../contracts/modules/assets.api';
import { useApiQuery } from '../../shared/typedApi';

/** What a phone opens from a label's QR code: the card, and what this user may do with it. */
export function CardPage() {
  const ta = assetsMessages.useT();
  const { code = '' } = useParams();
  const q = useApiQuery(assetsApi.byCode, { params: { code } }, { retry: false, enabled: !!code });
  return (
    <div style={{ maxWidth: 720 }} data-testid="asset-scan-page">
      <PageHeader title={ta('scanTitle')} />
      {q.isLoading ? (
        <Loading />
      ) : q.error instanceof ApiError && q.error.status === 404 ? (
        <Alert type="warning" showIcon message={ta('notYours')} description={code} />
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => q.refetch()} />
      ) : q.data ? (
        <AssetCardView card={q.data} onChanged={() => q.refetch()} />
      ) : null}
    </div>
  );
}
