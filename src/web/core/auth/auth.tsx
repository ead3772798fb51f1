import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, createContext, useContext } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { TMe } from '../../../contracts/core/auth';
import { authApi } from '../../../contracts/core/auth.api';
import { ApiError, setCsrfToken } from '../../shared/api';
import { call, keyOf } from '../../shared/typedApi';
import { Loading } from '../../shared/ui/states';

type AuthCtx = {
  me: TMe | null;
  hasPermission: (p: string | string[] | undefined) => boolean;
  refresh: () => Promise<unknown>;
  logout: () => Promise<void>;
};
const Ctx = createContext<AuthCtx>({ me: null, hasPermission: () => false, refresh: async () => {}, logout: async () => {} });

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: keyOf(authApi.me),
    queryFn: async () => {
      try {
        const s = await call(authApi.me, {});
        setCsrfToken(s.csrfToken);
        return s.user;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 60_000,
  });
  const me = q.data ?? null;
  const value: AuthCtx = {
    me,
    hasPermission: (p) => !p || (Array.isArray(p) ? p.some((x) => me?.permissions.includes(x)) : !!me?.permissions.includes(p)),
    refresh: () => q.refetch(),
    logout: async () => {
      await call(authApi.logout, {}).catch(() => {});
      qc.clear();
      location.assign('/login');
    },
  };
  if (q.isLoading) return <Loading />;
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export const useAuth = () => useContext(Ctx);

export function RequireAuth({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const loc = useLocation();
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(loc.pathname + loc.search)}`} replace />;
  if (me.mustChangePassword && loc.pathname !== '/profile/password') return <Navigate to="/profile/password" replace />;
  return <>{children}</>;
}
