import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, message } from 'antd';
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider, createBrowserRouter } from 'react-router-dom';
import { WEB_MODULES } from './app/modules';
import { appRoutes } from './app/routes';
import './app/app.css';
import { AuthProvider, RequireAuth } from './core/auth/auth';
import { LoginPage } from './core/auth/LoginPage';
import { ApiError } from './shared/api';
import { LocaleProvider, defineMessages } from './shared/i18n';
import { lazyPage } from './shared/module';
import { Loading } from './shared/ui/states';

// The signed-in shell (menu, header, their icons and components) loads after sign-in: the
// sign-in page downloads only what it draws (issue #16, first load ≤ 250 kB).
const AppLayout = lazyPage(() => import('./app/Layout'), 'AppLayout');

const loadMessages = defineMessages('app.load', {
  failed: { zh: '数据加载失败：{message}', en: 'Could not load data: {message}' },
});

const queryClient = new QueryClient({
  // A page whose data fails to load says so, whether or not the page draws its own error
  // state: one toast per distinct failure (a signed-out 401 goes to the sign-in page instead).
  queryCache: new QueryCache({
    onError: (e) => {
      if (e instanceof ApiError && e.status === 401) return;
      const text = e instanceof ApiError ? e.message : String(e);
      message.error({ key: `load:${text}`, content: loadMessages.t('failed', { message: text }) });
    },
  }),
  defaultOptions: {
    queries: { retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2, refetchOnWindowFocus: false },
  },
});

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // Pages the modules publish without sign-in (the procurement disclosure, 四公开).
  ...WEB_MODULES.flatMap((m) => m.publicRoutes ?? []),
  {
    path: '/',
    element: (
      <RequireAuth>
        <Suspense fallback={<Loading />}>
          <AppLayout />
        </Suspense>
      </RequireAuth>
    ),
    children: appRoutes,
  },
]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <AntApp>
          <AuthProvider>
            <RouterProvider router={router} />
          </AuthProvider>
        </AntApp>
      </LocaleProvider>
    </QueryClientProvider>
  </StrictMode>,
);
