import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { AlarmRow } from '../alarms/AlarmRow';
import { overdueAlarms } from '../alarms/alarmQueue';
import { OpsStatusLine } from '../ops-feed/OpsStatusLine';
import { useOps } from '../ops-feed/opsStore';
import { IncidentRow } from './IncidentRow';
import { activeIncidents } from './incidents';
import { UnitsList } from './UnitsList';

/** The shift leader's board: overdue alarms, open incidents by priority with timers, and the units. */
export function DispatchBoard() {
  const { t } = useTranslation();
  const incidentRec = useOps((s) => s.incidents);
  const alarmRec = useOps((s) => s.alarms);
  const incidents = useMemo(() => activeIncidents(incidentRec), [incidentRec]);
  const overdue = useMemo(() => overdueAlarms(alarmRec), [alarmRec]);
  const waiting = incidents.filter((i) => i.status === 'open').length;
  return (
    <section className="ops-screen" data-testid="dispatch-board" data-count={incidents.length}>
      <header className="ops-header">
        <h2>{t('ops.dispatch.title')}</h2>
        <span className="ops-counts">{t('ops.dispatch.counts', { n: incidents.length, open: waiting })}</span>
      </header>
      <OpsStatusLine />
      {overdue.length > 0 && (
        <section className="overdue-section" data-testid="overdue-alarms">
          <h3 className="ops-section-title is-danger">{t('ops.dispatch.overdue', { n: overdue.length })}</h3>
          <ul className="ops-list">
            {overdue.map((a) => (
              <AlarmRow key={a.id} alarm={a} />
            ))}
          </ul>
        </section>
      )}
      <h3 className="ops-section-title">{t('ops.dispatch.incidents')}</h3>
      {incidents.length === 0 ? (
        <p className="ops-empty">{t('ops.dispatch.empty')}</p>
      ) : (
        <ul className="ops-list">
          {incidents.map((i) => (
            <IncidentRow key={i.id} incident={i} />
          ))}
        </ul>
      )}
      <UnitsList />
    </section>
  );
}
