import { useTranslation } from 'react-i18next';
import { useAuth } from '../features/auth/authStore';
import { useRegistry } from '../features/registry/registryStore';
import { TransferButtons } from '../features/transfer/TransferButtons';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { OpsNav } from './OpsNav';
import { ViewSwitch } from './ViewSwitch';

/** Product name, district, who is signed in and over which jurisdiction, and the session actions. */
export function TopBar() {
  const { t, i18n } = useTranslation();
  const me = useAuth((s) => s.me);
  const logout = useAuth((s) => s.logout);
  const districtName = useRegistry((s) => s.config?.districtName);
  const station = useRegistry((s) => (me?.stationId ? s.stationById.get(me.stationId) : undefined));
  const en = i18n.language === 'en';
  const scope = station ? (en ? station.nameEn : station.name) : t('scope.district');

  return (
    <header className="topbar">
      <div className="topbar-brand">
        <div className="brand-mark" aria-hidden="true" />
        <div className="brand-text">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-sub">{t('app.nameEn')}</span>
        </div>
        {districtName && <span className="topbar-district">{districtName}</span>}
        <OpsNav />
      </div>
      <div className="topbar-actions">
        <ViewSwitch />
        <span className="topbar-sep" aria-hidden="true" />
        <TransferButtons />
        <span className="topbar-sep" aria-hidden="true" />
        <span className="topbar-scope" data-testid="station-scope" title={t('scope.label')}>
          <span className="muted">{t('scope.label')}</span> {scope}
        </span>
        {me && (
          <span className="topbar-user" data-testid="current-user">
            <span className="user-name">{me.displayName}</span>
            <span className="role-badge" data-testid="current-role">
              {t(`role.${me.role}`)}
            </span>
          </span>
        )}
        <LanguageSwitch />
        <button type="button" className="btn btn-ghost" data-testid="logout" onClick={() => void logout()}>
          {t('auth.signOut')}
        </button>
      </div>
    </header>
  );
}
