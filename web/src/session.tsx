import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext } from 'react';
import { can as roleCan, type Permission } from '../../src/domain/roles.ts';
import { api, ApiError, setCsrfToken } from './api/client.ts';
import type { Me } from './api/types.ts';
import { Loading, ErrorNotice } from './components/feedback.tsx';
import { LoginPage } from './pages/login.tsx';

export interface Session extends Me {
  can(permission: Permission): boolean;
  signOut(): Promise<void>;
}

const Context = createContext<Session | null>(null);

/** Who is signed in, from the session cookie; the login page until someone is. */
export function SessionGate({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      const answer = await api.get<Me>('/auth/me');
      setCsrfToken(answer.csrfToken);
      return answer;
    },
    retry: false,
    staleTime: Infinity,
  });
  if (me.isPending) return <Loading />;
  if (me.error instanceof ApiError && me.error.status === 401) return <LoginPage onSignedIn={() => queryClient.invalidateQueries({ queryKey: ['me'] })} />;
  if (me.error) return <ErrorNotice error={me.error} onRetry={() => me.refetch()} />;
  const session: Session = {
    ...me.data,
    can: (permission) => roleCan(me.data.role, permission),
    signOut: async () => {
      await api.post('/auth/logout');
      setCsrfToken(undefined);
      queryClient.clear();
      await queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  };
  return <Context.Provider value={session}>{children}</Context.Provider>;
}

export function useSession(): Session {
  const session = useContext(Context);
  if (!session) throw new Error('useSession outside SessionGate');
  return session;
}
