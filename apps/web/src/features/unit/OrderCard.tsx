import type { Incident, Order } from '@onpatrol/contracts';
import { useTranslation } from 'react-i18next';
import { Elapsed } from '../../ui/Elapsed';
import { clockTime } from '../../ui/time';
import { useCommand } from '../../ui/useCommand';
import { commandErrorText, sendCommand } from '../ops-feed/commands';
import { DoneForm, type DoneResult } from './DoneForm';
import { ACTION_STATUS, nextActions, type UnitAction } from './unitFlow';
import { useOrderAlert } from './useOrderAlert';

const ACTION_TESTID: Record<Exclude<UnitAction, 'done'>, string> = {
  accept: 'unit-accept',
  en_route: 'unit-enroute',
  on_scene: 'unit-onscene',
};

/** The unit's current order: what and where, and one big button per allowed answer. */
export function OrderCard({ order, incident }: { order: Order; incident: Incident | undefined }) {
  const { t } = useTranslation();
  const { busy, error, run } = useCommand();
  useOrderAlert(order);
  const actions = nextActions(order.status);
  const ringing = order.status === 'sent';

  const answer = (action: UnitAction, done?: DoneResult) =>
    run(() => sendCommand('order:update', { orderId: order.id, status: ACTION_STATUS[action], ...done }));

  return (
    <article
      className={`unit-order is-${order.status} ${ringing ? 'is-ringing' : ''}`}
      data-testid="unit-order"
      data-id={order.id}
      data-status={order.status}
      aria-live="assertive"
    >
      {ringing && <div className="ring-banner">{t('ops.unit.newOrder')}</div>}
      <header className="order-head">
        <span className="order-task">{t(`ops.task.${order.task}`)}</span>
        <span className={`order-chip order-${order.status}`}>{t(`ops.orderStatus.${order.status}`)}</span>
        <span className="muted">#{order.id}</span>
      </header>
      {incident ? (
        <div className="order-incident">
          <p className="order-place" data-testid="unit-place">
            {incident.place}
          </p>
          <p className="order-kind">
            {t(`ops.incidentKind.${incident.kind}`)}
            {incident.plate && (
              <>
                {' · '}
                <code>{incident.plate}</code>
              </>
            )}
          </p>
          {incident.note && <p className="order-note">{incident.note}</p>}
        </div>
      ) : (
        <p className="muted">{t('ops.unit.incidentMissing')}</p>
      )}
      {order.note && (
        <p className="order-note">
          <span className="muted">{t('ops.unit.orderNote')}</span> {order.note}
        </p>
      )}
      <p className="muted small">
        {t('ops.unit.issued', { who: order.issuedBy, at: clockTime(order.issuedAt) })} ·{' '}
        <Elapsed from={order.issuedAt} />
      </p>
      {error !== null && (
        <p className="form-error" role="alert" data-testid="unit-error">
          {commandErrorText(t, error)}
        </p>
      )}
      <div className="unit-actions">
        {actions.map((a) =>
          a === 'done' ? (
            <DoneForm key={a} busy={busy} onDone={(r) => void answer('done', r)} />
          ) : (
            <button
              key={a}
              type="button"
              className={`btn btn-big ${a === actions[0] ? 'btn-primary' : ''}`}
              data-testid={ACTION_TESTID[a]}
              disabled={busy}
              onClick={() => void answer(a)}
            >
              {t(`ops.unit.${a}`)}
            </button>
          ),
        )}
      </div>
    </article>
  );
}
