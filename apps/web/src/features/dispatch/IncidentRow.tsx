import type { Incident } from '@onpatrol/contracts';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Elapsed } from '../../ui/Elapsed';
import { useMapFocus } from '../map/focusStore';
import { useOps } from '../ops-feed/opsStore';
import { useCameraName } from '../registry/names';
import { DispatchForm } from './DispatchForm';
import { IncidentTimeline } from './IncidentTimeline';
import { useIncidentSelection } from './incidentSelection';
import { firstDispatchAt, ordersFor } from './incidents';

type Priority = 1 | 2 | 3;

function CameraName({ id }: { id: string }) {
  return <>{useCameraName(id)}</>;
}

/** One incident of the board; opened, its details, timeline and the dispatch form. */
export const IncidentRow = memo(function IncidentRow({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const selected = useIncidentSelection((s) => s.selected === incident.id);
  const allOrders = useOps((s) => s.orders);
  const orders = useMemo(() => ordersFor(allOrders, incident.id), [allOrders, incident.id]);
  const dispatchedAt = firstDispatchAt(incident);
  const open = () => {
    useIncidentSelection.getState().select(selected ? null : incident.id);
    if (!selected) useMapFocus.getState().flyTo(incident.lat, incident.lon, 17);
  };
  return (
    <li
      className={`incident-item prio-${incident.priority} is-${incident.status} ${selected ? 'is-selected' : ''}`}
      data-testid="incident-item"
      data-id={incident.id}
      data-status={incident.status}
    >
      <button type="button" className="ops-row-head" aria-expanded={selected} onClick={open}>
        <span className="row-line">
          <span className="prio-chip">{t(`ops.priority.p${incident.priority as Priority}`)}</span>
          <span className="row-kind">{t(`ops.incidentKind.${incident.kind}`)}</span>
          <span className={`state-chip state-${incident.status}`}>
            {t(`ops.incidentStatus.${incident.status}`)}
          </span>
          <span className="row-age" title={t('ops.dispatch.ageTitle')}>
            #{incident.id} · <Elapsed from={incident.createdAt} />
          </span>
        </span>
        <span className="row-title">{incident.place}</span>
        <span className="row-meta">
          {dispatchedAt ? (
            <span className="since-dispatch">
              {t('ops.dispatch.sinceDispatch')} <Elapsed from={dispatchedAt} />
            </span>
          ) : (
            <span className="not-dispatched">{t('ops.dispatch.notDispatched')}</span>
          )}
          {orders.map((o) => (
            <span key={o.id} className={`order-chip order-${o.status}`} data-unit-id={o.unitId}>
              {o.unitId} {t(`ops.orderStatus.${o.status}`)}
            </span>
          ))}
        </span>
      </button>
      {selected && (
        <div className="ops-detail">
          <dl className="ops-facts">
            {incident.note && (
              <>
                <dt>{t('ops.dispatch.noteLabel')}</dt>
                <dd>{incident.note}</dd>
              </>
            )}
            {incident.plate && (
              <>
                <dt>{t('ops.report.plate')}</dt>
                <dd>
                  <code>{incident.plate}</code>
                </dd>
              </>
            )}
            {incident.cameraId && (
              <>
                <dt>{t('ops.dispatch.camera')}</dt>
                <dd>
                  <CameraName id={incident.cameraId} />
                </dd>
              </>
            )}
            {incident.reportedBy && (
              <>
                <dt>{t('ops.dispatch.reportedBy')}</dt>
                <dd>{incident.reportedBy}</dd>
              </>
            )}
          </dl>
          <div className="ops-subhead">
            <span>{t('ops.dispatch.timeline')}</span>
          </div>
          <IncidentTimeline entries={incident.timeline} />
          <DispatchForm incident={incident} />
        </div>
      )}
    </li>
  );
});
