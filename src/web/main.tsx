import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider, createBrowserRouter } from 'react-router-dom';
import { AppLayout } from './app/Layout';
import { WEB_MODULES } from './app/modules';
import { appRoutes } from './app/routes';
import './app/app.css';
import { AuthProvider, RequireAuth } from './core/auth/auth';
import { LoginPage } from './core/auth/LoginPage';
import { ApiError } from './shared/api';
import { LocaleProvider } from './shared/i18n';

const queryClient = new QueryClient({
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
        <AppLayout />
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
