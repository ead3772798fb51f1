import { Button, Empty, Result, Spin } from 'antd';
import { Component, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../api';
import { defineMessages, useT } from '../i18n';

defineMessages(
  {
    'ui.retry': '重试',
    'ui.home': '返回首页',
    'ui.403': '没有权限访问该页面',
    'ui.404': '页面不存在',
    'ui.error': '页面出错了，请刷新后重试',
    'ui.empty': '暂无数据',
    'ui.soon': '该功能即将上线',
  },
  {
    'ui.retry': 'Retry',
    'ui.home': 'Back to home',
    'ui.403': 'You do not have access to this page',
    'ui.404': 'Page not found',
    'ui.error': 'Something went wrong; reload and try again',
    'ui.empty': 'No data',
    'ui.soon': 'This feature is coming soon',
  },
);

export function Loading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin />
    </div>
  );
}

/** Shows the server's message (already in the user's language), never raw error text. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  if (error instanceof ApiError && error.status === 404 && error.code === 'ROUTE_NOT_FOUND') return <Empty description={t('ui.soon')} />;
  if (error instanceof ApiError && error.status === 403) return <ForbiddenPage />;
  const message = error instanceof ApiError ? error.message : t('ui.error');
  return <Result status="warning" title={message} extra={onRetry ? <Button onClick={onRetry}>{t('ui.retry')}</Button> : null} />;
}

export function EmptyState({ text }: { text?: string }) {
  const t = useT();
  return <Empty description={text ?? t('ui.empty')} />;
}

export function ForbiddenPage() {
  const t = useT();
  return <Result status="403" title="403" subTitle={t('ui.403')} extra={<Link to="/">{t('ui.home')}</Link>} />;
}

export function NotFoundPage() {
  const t = useT();
  return <Result status="404" title="404" subTitle={t('ui.404')} extra={<Link to="/">{t('ui.home')}</Link>} />;
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
  const t = useT();
  return <Result status="error" title={t('ui.error')} extra={<Button onClick={() => location.reload()}>{t('ui.retry')}</Button>} />;
}

export function PageHeader({ title, extra }: { title: ReactNode; extra?: ReactNode }) {
  return (
    <div className="hq-page-header">
      <h2>{title}</h2>
      <div className="hq-page-actions">{extra}</div>
    </div>
  );
}

/** An action that looks like a link (table row actions): a real button, so it is keyboard-accessible. */
export function LinkButton(props: React.ComponentProps<typeof Button>) {
  return <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} {...props} />;
}
