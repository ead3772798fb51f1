import { App as AntApp } from 'antd';
import { Outlet, type RouteObject } from 'react-router-dom';
import { RequireAuth } from '../core/auth/auth';
import { AppLayout } from './Layout';
import { WEB_MODULES } from './modules';
import { appRoutes } from './routes';

/**
 * Every route but the sign-in page: the modules' public pages and the signed-in layout with
 * its pages. `main.tsx` adds them to the router on the first navigation that needs them, so
 * the sign-in page downloads neither the layout nor the modules' declarations and menu icons
 * (issue #16, first load). antd's App (the context-aware modal, message and notification of
 * `App.useApp()`) wraps them here rather than the whole app: the sign-in page uses none of it.
 */
export const signedInRoutes: RouteObject[] = [
  {
    element: (
      <AntApp>
        <Outlet />
      </AntApp>
    ),
    children: [
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
    ],
  },
];
