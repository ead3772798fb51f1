import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider, createBrowserRouter } from 'react-router-dom';
import './app/app.css';
import { AuthProvider } from './core/auth/auth';
import { LoginPage } from './core/auth/LoginPage';
import { ApiError } from './shared/api';
import { LocaleProvider, defineMessages } from './shared/i18n';

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
      // antd's message on demand: the sign-in page has no query that fails this way.
      void import('antd/es/message').then(({ default: message }) =>
        message.error({ key: `load:${text}`, content: loadMessages.t('failed', { message: text }) }),
      );
    },
  }),
  defaultOptions: {
    queries: { retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2, refetchOnWindowFocus: false },
  },
});

// The sign-in page is the only route known at start; every other one (the signed-in layout
// with its pages and menu, the modules' public pages: `app/signedIn`) is added by the first
// navigation that finds no route, so the sign-in page downloads only what it draws (issue #16,
// first load ≤ 250 kB). An address that matches nothing still ends on the layout's 404 page.
let signedIn: Promise<void> | undefined;
const router = createBrowserRouter([{ path: '/login', element: <LoginPage /> }], {
  patchRoutesOnNavigation: ({ patch }) =>
    (signedIn ??= import('./app/signedIn').then(
      (m) => patch(null, m.signedInRoutes),
      (e) => {
        signedIn = undefined; // a failed download (network) is retried by the next navigation
        throw e;
      },
    )),
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </LocaleProvider>
    </QueryClientProvider>
  </StrictMode>,
);
