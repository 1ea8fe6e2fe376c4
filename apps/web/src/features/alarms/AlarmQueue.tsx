import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { OpsStatusLine } from '../ops/OpsWidgets';
import { useOps } from '../ops/opsStore';
import { AlarmRow } from './AlarmRow';
import { openAlarms, queueCounts } from './alarmQueue';

/** The duty officer's queue: open alarms, most urgent and longest waiting first. */
export function AlarmQueue() {
  const { t } = useTranslation();
  const rec = useOps((s) => s.alarms);
  const list = useMemo(() => openAlarms(rec), [rec]);
  const counts = useMemo(() => queueCounts(list), [list]);
  return (
    <section className="ops-screen" data-testid="alarm-queue" data-count={list.length}>
      <header className="ops-header">
        <h2>{t('ops.alarms.title')}</h2>
        <span className="ops-counts">
          {t('ops.alarms.counts', { fresh: counts.fresh, ack: counts.acknowledged })}
          {counts.overdue > 0 && (
            <span className="overdue-count">{t('ops.alarms.overdueCount', { n: counts.overdue })}</span>
          )}
        </span>
      </header>
      <OpsStatusLine />
      {list.length === 0 ? (
        <p className="ops-empty">{t('ops.alarms.empty')}</p>
      ) : (
        <ul className="ops-list">
          {list.map((a) => (
            <AlarmRow key={a.id} alarm={a} />
          ))}
        </ul>
      )}
    </section>
  );
}
