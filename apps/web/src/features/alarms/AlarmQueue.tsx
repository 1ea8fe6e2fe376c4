import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OpsStatusLine } from '../ops-feed/OpsStatusLine';
import { useOps } from '../ops-feed/opsStore';
import { AlarmRow } from './AlarmRow';
import { headOfQueue, openAlarms, queueCounts } from './alarmQueue';
import { useAlarmSelection } from './alarmSelection';

/**
 * Rows rendered at first, and added per "show more". In an alarm storm (all 1,186 devices at once)
 * a thousand rows re-rendered per update kept the page busy for seconds; the officer works from
 * the top of the queue, and the header counts them all.
 */
export const QUEUE_PAGE = 100;

/** The duty officer's queue: open alarms, most urgent and longest waiting first. */
export function AlarmQueue() {
  const { t } = useTranslation();
  const rec = useOps((s) => s.alarms);
  const selected = useAlarmSelection((s) => s.selected);
  const [limit, setLimit] = useState(QUEUE_PAGE);
  const list = openAlarms(rec);
  const counts = useMemo(() => queueCounts(list), [list]);
  // The opened alarm stays in view even when it is further down than the rows shown.
  const { head, rest } = useMemo(() => headOfQueue(list, limit, selected), [list, limit, selected]);
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
          {head.map((a) => (
            <AlarmRow key={a.id} alarm={a} />
          ))}
        </ul>
      )}
      {rest.length > 0 && (
        <button
          type="button"
          className="btn btn-ghost ops-more"
          data-testid="alarm-more"
          onClick={() => setLimit((n) => n + QUEUE_PAGE)}
        >
          {t('ops.alarms.more', { n: rest.length, page: Math.min(QUEUE_PAGE, rest.length) })}
        </button>
      )}
    </section>
  );
}
