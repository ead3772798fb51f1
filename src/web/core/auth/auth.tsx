import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, createContext, useContext } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { TMe } from '../../../contracts/core/auth';
import { ApiError, setCsrfToken } from '../../shared/api';
import { Loading } from '../../shared/ui/Loading';
import { fetchSession, forgetSessionHint, mayHaveSession, sessionKey } from './session';

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
    queryKey: sessionKey,
    queryFn: async () => {
      // No hint, no session: signed out without asking (a 401 would be a console error).
      if (!mayHaveSession()) return null;
      try {
        const s = await fetchSession();
        setCsrfToken(s.csrfToken);
        return s.user;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          forgetSessionHint();
          return null;
        }
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
      // Signed in, so the typed client and the contracts are loaded already (the layout uses them).
      const [{ call }, { authApi }] = await Promise.all([import('../../shared/typedApi'), import('../../../contracts/core/auth.api')]);
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
