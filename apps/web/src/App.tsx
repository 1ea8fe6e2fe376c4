import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { setUnauthorizedHandler } from './api/client';
import { CommandScreen } from './app/CommandScreen';
import { navigate, useRoute } from './app/routing/route';
import { landingScreen } from './app/routing/screens';
import { useAuth } from './features/auth/authStore';
import { LoginPage } from './features/auth/LoginPage';
import { UnitPage } from './features/unit/UnitPage';

/**
 * Sign-in gate: the command screen (or a street unit's terminal page, route /unit) only exists
 * while a session does. After sign-in the user lands on the screen their role works on.
 */
export function App() {
  const { t } = useTranslation();
  const status = useAuth((s) => s.status);
  const me = useAuth((s) => s.me);
  const screen = useRoute((s) => s.screen);
  const [landedFor, setLandedFor] = useState<string | null>(null);

  useEffect(() => {
    setUnauthorizedHandler(() => useAuth.getState().expire());
    void useAuth.getState().check();
    return () => setUnauthorizedHandler(null);
  }, []);

  useEffect(() => {
    if (status !== 'signedIn' || !me) return setLandedFor(null);
    const current = useRoute.getState().screen;
    const target = landingScreen(current, me.permissions);
    if (target !== current) navigate(target, true);
    setLandedFor(me.username);
  }, [status, me]);

  if (status === 'checking' || (status === 'signedIn' && landedFor !== me?.username)) {
    return (
      <div className="splash" role="status">
        {t('app.loading')}
      </div>
    );
  }
  if (status !== 'signedIn') return <LoginPage />;
  return screen === 'unit' ? <UnitPage /> : <CommandScreen />;
}
