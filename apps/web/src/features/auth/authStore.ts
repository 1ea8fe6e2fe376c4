import type { Me } from '@onpatrol/contracts';
import { create } from 'zustand';
import { ApiError, api } from '../../api/client';
import { browserStorage } from '../../lib/namedList';

type AuthStatus = 'checking' | 'signedOut' | 'signedIn';

interface AuthState {
  status: AuthStatus;
  me: Me | null;
  /** Last sign-in failure (an ApiError, or a marker for a form left empty). */
  error: unknown;
  busy: boolean;
  /** Ask the gateway whether the cookie still holds a session. */
  check: () => Promise<void>;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  /** The session ended elsewhere (expired, revoked): back to the sign-in page. */
  expire: () => void;
}

/**
 * Whether this browser signed in and has not signed out since. The session cookie is HttpOnly, so
 * the page cannot see it; asking the gateway without one is answered 401, which the browser logs
 * as a console error on every load of the sign-in page. So the page asks only when it has signed in.
 */
const SIGNED_IN_KEY = 'onpatrol.signedIn';
const signedInHere = () => browserStorage()?.getItem(SIGNED_IN_KEY) === '1';
function rememberSignedIn(yes: boolean): void {
  try {
    if (yes) browserStorage()?.setItem(SIGNED_IN_KEY, '1');
    else browserStorage()?.removeItem(SIGNED_IN_KEY);
  } catch {
    // storage full or refused: the next load shows the sign-in page, which is safe
  }
}

export const useAuth = create<AuthState>()((set) => ({
  status: 'checking',
  me: null,
  error: null,
  busy: false,
  check: async () => {
    if (!signedInHere()) return set({ status: 'signedOut', me: null });
    try {
      set({ status: 'signedIn', me: await api.me() });
    } catch (e) {
      // Only the gateway's "no session" forgets it: an unreachable gateway may still hold one.
      if (e instanceof ApiError && e.status === 401) rememberSignedIn(false);
      set({ status: 'signedOut', me: null });
    }
  },
  login: async (username, password) => {
    set({ busy: true, error: null });
    try {
      const me = await api.login({ username, password });
      rememberSignedIn(true);
      set({ status: 'signedIn', me, busy: false });
    } catch (error) {
      set({ error, busy: false });
    }
  },
  logout: async () => {
    try {
      await api.logout();
    } finally {
      rememberSignedIn(false);
      set({ status: 'signedOut', me: null, error: null });
    }
  },
  expire: () => {
    rememberSignedIn(false);
    set({ status: 'signedOut', me: null });
  },
}));
