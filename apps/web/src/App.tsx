import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { setUnauthorizedHandler } from './api/client';
import { CommandScreen } from './app/CommandScreen';
import { useAuth } from './features/auth/authStore';
import { LoginPage } from './features/auth/LoginPage';

/** Sign-in gate: the command screen only exists while a session does. */
export function App() {
  const { t } = useTranslation();
  const status = useAuth((s) => s.status);

  useEffect(() => {
    setUnauthorizedHandler(() => useAuth.getState().expire());
    void useAuth.getState().check();
    return () => setUnauthorizedHandler(null);
  }, []);

  if (status === 'checking') {
    return (
      <div className="splash" role="status">
        {t('app.loading')}
      </div>
    );
  }
  return status === 'signedIn' ? <CommandScreen /> : <LoginPage />;
}
