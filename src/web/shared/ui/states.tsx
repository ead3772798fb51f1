import { Button, Empty, Result } from 'antd';
import { Component, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../api';
import { defineMessages } from '../i18n';

export const uiMessages = defineMessages('ui', {
  retry: { zh: '重试', en: 'Retry' },
  home: { zh: '返回首页', en: 'Back to home' },
  '403': { zh: '没有权限访问该页面', en: 'You do not have access to this page' },
  '404': { zh: '页面不存在', en: 'Page not found' },
  error: { zh: '页面出错了，请刷新后重试', en: 'Something went wrong; reload and try again' },
  empty: { zh: '暂无数据', en: 'No data' },
  soon: { zh: '该功能即将上线', en: 'This feature is coming soon' },
});

export { Loading } from './Loading';

/** Shows the server's message (already in the user's language), never raw error text. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = uiMessages.useT();
  if (error instanceof ApiError && error.status === 404 && error.code === 'ROUTE_NOT_FOUND') return <Empty description={t('soon')} />;
  if (error instanceof ApiError && error.status === 403) return <ForbiddenPage />;
  const message = error instanceof ApiError ? error.message : t('error');
  return <Result status="warning" title={message} extra={onRetry ? <Button onClick={onRetry}>{t('retry')}</Button> : null} />;
}

export function EmptyState({ text }: { text?: string }) {
  const t = uiMessages.useT();
  return <Empty description={text ?? t('empty')} />;
}

export function ForbiddenPage() {
  const t = uiMessages.useT();
  return <Result status="403" title="403" subTitle={t('403')} extra={<Link to="/">{t('home')}</Link>} />;
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
