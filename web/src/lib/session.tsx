import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { api, ApiError, onUnauthorized, unwrap } from '../api/client.js';
import type { Me } from '../api/types.js';

type State =
  | { status: 'loading' }
  | { status: 'signed-out'; notice: string | null }
  | { status: 'signed-in'; me: Me; expired: boolean };

export interface Session {
  state: State;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  /** Reads `/me` again (the account's paused state, the person's inboxes). */
  refresh(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionProvider>');
  return session;
}

/** The signed-in person; only rendered inside the signed-in app. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe while signed out');
  return state.me;
}

/**
 * Who is signed in. A 401 from any call while signed in marks the session expired: the app stays
 * on screen (nothing typed is lost) under a sign-in dialog, and carries on once signed in again.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const current = useRef(state);
  current.current = state;

  const refresh = useCallback(async () => {
    try {
      const me = await unwrap(api.GET('/api/v1/me'));
      setState({ status: 'signed-in', me, expired: false });
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      setState((s) =>
        s.status === 'signed-in' ? { ...s, expired: true } : { status: 'signed-out', notice: null },
      );
    }
  }, []);

  useEffect(() => {
    refresh().catch(() =>
      setState({ status: 'signed-out', notice: 'The server could not be reached. Reload to retry.' }),
    );
    return onUnauthorized(() => setState((s) => (s.status === 'signed-in' ? { ...s, expired: true } : s)));
  }, [refresh]);

  const signIn = useCallback(async (email: string, password: string) => {
    const me = await unwrap(api.POST('/api/v1/auth/login', { body: { email, password } }));
    const before = current.current;
    // Someone else signing in on an expired session starts afresh rather than inherit the screen.
    if (before.status === 'signed-in' && before.me.user.id !== me.user.id) location.assign('/');
    else setState({ status: 'signed-in', me, expired: false });
  }, []);

  const signOut = useCallback(async () => {
    await unwrap(api.POST('/api/v1/auth/logout')).catch(() => undefined);
    setState({ status: 'signed-out', notice: 'You have signed out.' });
  }, []);

  const value = useMemo(() => ({ state, signIn, signOut, refresh }), [state, signIn, signOut, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
