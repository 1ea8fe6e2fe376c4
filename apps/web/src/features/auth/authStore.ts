import type { Me } from '@onpatrol/contracts';
import { create } from 'zustand';
import { api } from '../../api/client';

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

export const useAuth = create<AuthState>()((set) => ({
  status: 'checking',
  me: null,
  error: null,
  busy: false,
  check: async () => {
    try {
      set({ status: 'signedIn', me: await api.me() });
    } catch {
      set({ status: 'signedOut', me: null });
    }
  },
  login: async (username, password) => {
    set({ busy: true, error: null });
    try {
      const me = await api.login({ username, password });
      set({ status: 'signedIn', me, busy: false });
    } catch (error) {
      set({ error, busy: false });
    }
  },
  logout: async () => {
    try {
      await api.logout();
    } finally {
      set({ status: 'signedOut', me: null, error: null });
    }
  },
  expire: () => set({ status: 'signedOut', me: null }),
}));
