import '../../ui/ops.css';
import '../../ui/rows.css';
import './unit.css';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { navigate } from '../../app/routing/route';
import { LanguageSwitch } from '../../ui/LanguageSwitch';
import { useAuth } from '../auth/authStore';
import { OpsStatusLine } from '../ops-feed/OpsStatusLine';
import { useOps } from '../ops-feed/opsStore';
import { useOpsSocket } from '../ops-feed/useOpsSocket';
import { OrderCard } from './OrderCard';
import { UnitMiniMap } from './UnitMiniMap';
import { currentOrder, lastFinished } from './unitFlow';
import { usePositionShare } from './usePositionShare';

/**
 * A street unit's terminal (phone or car screen, route /unit): its current order with big answer
 * buttons, the target and its own position on a small map, and position sharing.
 */
export function UnitPage() {
  const { t } = useTranslation();
  const me = useAuth((s) => s.me);
  const logout = useAuth((s) => s.logout);
  const unitId = me?.unitId ?? null;
  const canAct = me?.permissions.includes('unit:act') ?? false;
  const canMap = me?.permissions.includes('registry:read') ?? false;
  const orders = useOps((s) => s.orders);
  const order = useMemo(() => currentOrder(orders, unitId), [orders, unitId]);
  const finished = useMemo(() => (order ? null : lastFinished(orders, unitId)), [orders, unitId, order]);
  const incident = useOps((s) => (order ? s.incidents[order.incidentId] : undefined));
  const unit = useOps((s) => (unitId ? s.units[unitId] : undefined));
  const connected = useOps((s) => s.connected);
  // Orders and their incidents come over REST on start and every reconnect; the socket keeps them live.
  useOpsSocket(true, { unitOrders: api.ops.myOrders });
  const share = usePositionShare(canAct && unitId !== null);

  return (
    <div className="unit-page" data-testid="unit-page" data-unit-id={unitId ?? ''}>
      <header className="unit-top">
        <div className="unit-ident">
          <span
            className={`link-dot ${connected ? 'is-up' : ''}`}
            title={t(connected ? 'ops.link.up' : 'ops.link.offline')}
          />
          <b>{unit?.callsign ?? me?.displayName}</b>
          {unitId && <code>{unitId}</code>}
          {unit && (
            <span className={`unit-state unit-${unit.status}`} data-testid="unit-status">
              {t(`ops.unitStatus.${unit.status}`)}
            </span>
          )}
        </div>
        <div className="unit-tools">
          {canMap && (
            <button
              type="button"
              className="btn btn-ghost"
              data-testid="nav-map"
              onClick={() => navigate('map')}
            >
              {t('ops.nav.map')}
            </button>
          )}
          <LanguageSwitch />
          <button type="button" className="btn btn-ghost" data-testid="logout" onClick={() => void logout()}>
            {t('auth.signOut')}
          </button>
        </div>
      </header>
      <main className="unit-main">
        <OpsStatusLine />
        {!canAct || !unitId ? (
          <p className="form-error">{t('ops.unit.noUnit')}</p>
        ) : order ? (
          <OrderCard key={order.id} order={order} incident={incident} />
        ) : (
          <div className="unit-idle" data-testid="unit-idle">
            <p>{t('ops.unit.idle')}</p>
            {finished && (
              <p className="muted small" data-testid="unit-last-order" data-id={finished.id}>
                {t('ops.unit.lastOrder', {
                  id: finished.id,
                  status: t(`ops.orderStatus.${finished.status}`),
                })}
              </p>
            )}
          </div>
        )}
        <UnitMiniMap target={order && incident ? incident : null} self={unit ?? null} />
        <p className="muted small" data-testid="unit-position" data-state={share}>
          {t(`ops.unit.position.${share}`)}
        </p>
      </main>
    </div>
  );
}
