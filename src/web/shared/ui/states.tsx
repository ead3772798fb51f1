import { Alert, Button, Empty, Result } from 'antd';
import { Component, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../api';
import { defineMessages } from '../i18n';
import { PageHelpButton } from './PageHelp';

export const uiMessages = defineMessages('ui', {
  retry: { zh: '重试', en: 'Retry' },
  home: { zh: '返回首页', en: 'Back to home' },
  '403': { zh: '没有权限访问该页面', en: 'You do not have access to this page' },
  '404': { zh: '页面不存在', en: 'Page not found' },
  error: { zh: '页面出错了，请刷新后重试', en: 'Something went wrong; reload and try again' },
  empty: { zh: '暂无数据', en: 'No data' },
  soon: { zh: '该功能即将上线', en: 'This feature is coming soon' },
  loadFailed: { zh: '数据加载失败，请重试', en: 'The data did not load; try again' },
});

export { Loading } from './Loading';

/** Shows the server's message (already in the user's language), never raw error text. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = uiMessages.useT();
  if (error instanceof ApiError && error.status === 404 && error.code === 'ROUTE_NOT_FOUND') return <Empty description={t('soon')} />;
  if (error instanceof ApiError && error.status === 403) return <ForbiddenPage />;
  const message = error instanceof ApiError ? error.message : t('error');
  return (
    <div data-testid="error-state">
      <Result status="warning" title={message} extra={onRetry ? <Button onClick={onRetry}>{t('retry')}</Button> : null} />
    </div>
  );
}

type QueryLike = { error: unknown; isFetching?: boolean; refetch: () => unknown };

/**
 * Says that a page's data did not load, with a retry, instead of an empty table or chart that
 * reads as "nothing here". Put it above what the queries feed:
 *   const q = useApiQuery(calendarApi.year, { query: { year } });
 *   <QueryError queries={[q]} />
 * Renders nothing while every query is fine; on an error, the server's message (already in the
 * user's language) and a retry that refetches the failed queries. `inline` shows a compact
 * banner (for a page that keeps its last data on screen) instead of a full result block.
 */
export function QueryError({ queries, inline }: { queries: readonly QueryLike[]; inline?: boolean }) {
  const t = uiMessages.useT();
  const failed = queries.filter((q) => q.error);
  if (!failed.length) return null;
  const retry = () => {
    for (const q of failed) q.refetch();
  };
  if (!inline) return <ErrorState error={failed[0]!.error} onRetry={retry} />;
  const e = failed[0]!.error;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="query-error"
      message={e instanceof ApiError ? e.message : t('loadFailed')}
      action={
        <Button size="small" onClick={retry}>
          {t('retry')}
        </Button>
      }
    />
  );
}

export function EmptyState({ text }: { text?: string }) {
  const t = uiMessages.useT();
  return <Empty description={text ?? t('empty')} />;
}

export function ForbiddenPage() {
  const t = uiMessages.useT();
  return (
    <div data-testid="forbidden">
      <Result status="403" title="403" subTitle={t('403')} extra={<Link to="/">{t('home')}</Link>} />
    </div>
  );
}

export function NotFoundPage() {
  const t = uiMessages.useT();
  return <Result status="404" title="404" subTitle={t('404')} extra={<Link to="/">{t('home')}</Link>} />;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? <ErrorFallback /> : this.props.children;
  }
}
function ErrorFallback() {
  const t = uiMessages.useT();
  return <Result status="error" title={t('error')} extra={<Button onClick={() => location.reload()}>{t('retry')}</Button>} />;
}

/** A page's title (with the ? of its help, when the route declares one) and its actions. */
export function PageHeader({ title, extra }: { title: ReactNode; extra?: ReactNode }) {
  return (
    <div className="hq-page-header">
      <h2>
        {title}
        <PageHelpButton />
      </h2>
      <div className="hq-page-actions">{extra}</div>
    </div>
  );
}

/** An action that looks like a link (table row actions): a real button, so it is keyboard-accessible. */
export function LinkButton(props: React.ComponentProps<typeof Button>) {
  return <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} {...props} />;
}
