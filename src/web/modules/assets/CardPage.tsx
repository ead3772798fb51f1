import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { useParams } from 'react-router-dom';
import { ApiError, api } from '../../shared/api';
import { ErrorState, Loading, PageHeader } from '../../shared/ui/states';
import { AssetCardView, type TAssetCard } from './common';
import { assetsMessages } from './i18n';

/** What a phone opens from a label's QR code: the card, and what this user may do with it. */
export function CardPage() {
  const ta = assetsMessages.useT();
  const { code = '' } = useParams();
  const q = useQuery({
    queryKey: ['assets', 'by-code', code],
    queryFn: () => api.get<TAssetCard>(`/assets/by-code/${encodeURIComponent(code)}`),
    retry: false,
  });
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
