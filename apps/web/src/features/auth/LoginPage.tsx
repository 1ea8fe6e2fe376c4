import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../ui/errorText';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import { useAuth } from './authStore';

const EMPTY_FORM = Symbol('empty-form');

/** Sign-in form; the gateway's refusal message is shown as sent. */
export function LoginPage() {
  const { t } = useTranslation();
  const { login, busy, error } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [localError, setLocalError] = useState<symbol | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!username.trim() || !password) {
      setLocalError(EMPTY_FORM);
      return;
    }
    setLocalError(null);
    void login(username.trim(), password);
  };

  // The gateway words its refusals in English; the translated lead-in keeps the page in the user's language.
  const message = localError
    ? t('auth.required')
    : error
      ? t('auth.failed', { message: errorText(t, error) })
      : null;

  return (
    <main className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <form className="login-card" onSubmit={submit} noValidate>
        <div className="login-brand">
          <div className="brand-mark" aria-hidden="true" />
          <div>
            <h1>{t('app.name')}</h1>
            <p className="muted">{t('app.nameEn')}</p>
          </div>
        </div>
        <p className="login-subtitle">{t('auth.subtitle')}</p>
        <h2>{t('auth.title')}</h2>
        <label className="field">
          <span>{t('auth.username')}</span>
          <input
            data-testid="login-username"
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('auth.password')}</span>
          <input
            data-testid="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {message && (
          <div className="form-error" role="alert" data-testid="login-error">
            {message}
          </div>
        )}
        <button
          type="submit"
          className="btn btn-primary btn-block"
          data-testid="login-submit"
          disabled={busy}
        >
          {busy ? t('auth.submitting') : t('auth.submit')}
        </button>
        <p className="login-footer muted">{t('auth.footer')}</p>
      </form>
    </main>
  );
}
