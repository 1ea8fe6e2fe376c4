import './nav.css';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../features/auth/authStore';
import { useOps } from '../features/ops-feed/opsStore';
import { navigate, useRoute } from './routing/route';
import { allowedScreens, type Screen } from './routing/screens';

const NONE: readonly string[] = [];

/** Badges: alarms waiting for acknowledgement, incidents waiting for a dispatch. */
function useBadges(): Partial<Record<Screen, { n: number; urgent: boolean }>> {
  const fresh = useOps((s) => Object.values(s.alarms).filter((a) => a.status === 'new').length);
  const overdue = useOps(
    (s) => Object.values(s.alarms).filter((a) => a.status === 'new' && a.overdue).length,
  );
  const waiting = useOps((s) => Object.values(s.incidents).filter((i) => i.status === 'open').length);
  return {
    alarms: { n: fresh, urgent: overdue > 0 },
    dispatch: { n: waiting + overdue, urgent: overdue > 0 },
  };
}

/**
 * Tabs for the screens this user may open (map, alarms, dispatch, statistics, unit). The wall's
 * own view switch (map / split / wall) stays beside them: it arranges the map screen's workspace.
 */
export function OpsNav() {
  const { t } = useTranslation();
  const permissions = useAuth((s) => s.me?.permissions ?? NONE);
  const screen = useRoute((s) => s.screen);
  const badges = useBadges();
  const screens = allowedScreens(permissions);
  if (screens.length <= 1) return null;
  return (
    <nav className="ops-nav" aria-label={t('ops.nav.label')}>
      {screens.map((s) => {
        const badge = badges[s];
        return (
          <button
            key={s}
            type="button"
            className={`ops-tab ${screen === s ? 'is-on' : ''}`}
            data-testid={`nav-${s}`}
            aria-current={screen === s ? 'page' : undefined}
            onClick={() => navigate(s)}
          >
            {t(`ops.nav.${s}`)}
            {badge && badge.n > 0 && (
              <span className={`tab-badge ${badge.urgent ? 'is-urgent' : ''}`} data-testid={`nav-${s}-badge`}>
                {badge.n}
              </span>
            )}
          </button>
        );
      })}
    </nav>
  );
}
