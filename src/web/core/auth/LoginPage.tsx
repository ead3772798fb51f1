import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Segmented, theme } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, setCsrfToken } from '../../shared/api';
import { defineMessages, useLocale } from '../../shared/i18n';
import { fetchPublicConfig, sessionKey, signIn } from './session';

export const loginMessages = defineMessages('login', {
  title: { zh: '后勤 · 机关事务一体化服务平台', en: 'Houqin · Agency Affairs Platform' },
  subtitle: { zh: 'Houqin — Agency Affairs Platform', en: '后勤 · 机关事务一体化服务平台' },
  username: { zh: '用户名', en: 'Username' },
  password: { zh: '密码', en: 'Password' },
  submit: { zh: '登录', en: 'Sign in' },
  required: { zh: '请输入{f}', en: 'Enter your {f}' },
  demoTitle: { zh: '演示环境', en: 'Demo district' },
  demoIntro: {
    zh: '已载入演示数据。以下账号的密码均为 {pw}：',
    en: 'The demo data is loaded. Every account below has the password {pw}:',
  },
  demoAccounts: {
    zh: 'admin 系统管理员 · secadmin 安全管理员 · auditor 审计管理员 · leader 局领导 · manager 业务管理员 · unit_a 单位管理员 · staff 工作人员 · dispatcher 调度员 · driver 驾驶员 · energy_officer 能源统计员 · inspector 节能巡查员 · keeper 公物仓保管员',
    en: 'admin system administrator · secadmin security administrator · auditor audit administrator · leader bureau leader · manager business administrator · unit_a unit administrator · staff staff member · dispatcher vehicle dispatcher · driver driver · energy_officer energy statistician · inspector energy inspector · keeper pool keeper',
  },
  footer: {
    zh: '机关事务管理局 · 内部系统，请妥善保管账号密码',
    en: 'Administrative Affairs Bureau · internal system; keep your password safe',
  },
});

export function LoginPage() {
  const t = loginMessages.useT();
  const { locale, setLocale } = useLocale();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nav = useNavigate();
  const [params] = useSearchParams();
  const qc = useQueryClient();
  const { token } = theme.useToken();
  // The server says whether the demo district is loaded (never in production): only then the hint.
  const config = useQuery({ queryKey: ['auth', 'config'], queryFn: fetchPublicConfig, staleTime: Number.POSITIVE_INFINITY, retry: false });
  const onFinish = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const s = await signIn(v);
      setCsrfToken(s.csrfToken);
      qc.setQueryData(sessionKey, s.user);
      const next = params.get('next');
      nav(s.user.mustChangePassword ? '/profile/password' : next?.startsWith('/') ? next : '/', { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="hq-login">
      {/* Drawn as antd's bordered Card (same tokens), not with it: Card brings Tabs, Dropdown,
          Menu and Skeleton, a quarter of the sign-in page's download (issue #16). */}
      <div
        className="hq-login-card"
        style={{
          boxSizing: 'border-box',
          position: 'relative',
          background: token.colorBgContainer,
          border: `${token.lineWidth}px ${token.lineType} ${token.colorBorderSecondary}`,
          borderRadius: token.borderRadiusLG,
          padding: token.paddingLG,
          color: token.colorText,
          fontSize: token.fontSize,
          lineHeight: token.lineHeight,
          fontFamily: token.fontFamily,
        }}
      >
        <div style={{ textAlign: 'right' }}>
          <Segmented
            size="small"
            value={locale}
            onChange={(v) => setLocale(v as 'zh-CN')}
            options={[
              { label: '中文', value: 'zh-CN' },
              { label: 'English', value: 'en' },
            ]}
            data-testid="lang-switch"
          />
        </div>
        <div className="hq-login-brand">
          <div className="hq-emblem">后</div>
          <h1>{t('title')}</h1>
          <p>{t('subtitle')}</p>
        </div>
        {error ? <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} data-testid="login-error" /> : null}
        <Form layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item name="username" label={t('username')} rules={[{ required: true, message: t('required', { f: t('username') }) }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" data-testid="login-username" size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('required', { f: t('password') }) }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">
            {t('submit')}
          </Button>
        </Form>
        {config.data?.demo ? (
          <Alert
            type="info"
            style={{ marginTop: 16 }}
            data-testid="login-demo-hint"
            title={t('demoTitle')}
            description={
              <>
                <div>{t('demoIntro', { pw: 'Houqin@2026' })}</div>
                <div style={{ fontSize: 12, marginTop: 4 }}>{t('demoAccounts')}</div>
              </>
            }
          />
        ) : null}
        <p className="hq-login-footer">{t('footer')}</p>
      </div>
    </div>
  );
}
