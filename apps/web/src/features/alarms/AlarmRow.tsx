import type { Alarm } from '@onpatrol/contracts';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Elapsed } from '../../ui/Elapsed';
import { useStationName } from '../registry/names';
import { AlarmDetail } from './AlarmDetail';
import { ackTime } from './alarmQueue';
import { useAlarmSelection } from './alarmSelection';
import { openAlarm } from './openAlarm';

type Priority = 1 | 2 | 3;

/** One alarm of the queue; opened (selected), it shows its cameras and actions below. */
export const AlarmRow = memo(function AlarmRow({ alarm }: { alarm: Alarm }) {
  const { t } = useTranslation();
  const selected = useAlarmSelection((s) => s.selected === alarm.id);
  const station = useStationName(alarm.stationId);
  const overdue = alarm.overdue && alarm.status === 'new';
  const classes = ['alarm-item', `prio-${alarm.priority}`, `is-${alarm.status}`];
  if (overdue) classes.push('is-overdue');
  if (selected) classes.push('is-selected');
  return (
    <li
      className={classes.join(' ')}
      data-testid="alarm-item"
      data-id={alarm.id}
      data-status={alarm.status}
      data-overdue={String(overdue)}
    >
      <button
        type="button"
        className="ops-row-head"
        aria-expanded={selected}
        onClick={() => (selected ? useAlarmSelection.getState().select(null) : openAlarm(alarm))}
      >
        <span className="row-line">
          <span className="prio-chip">{t(`ops.priority.p${alarm.priority as Priority}`)}</span>
          <span className="row-kind">{t(`ops.alarmKind.${alarm.kind}`)}</span>
          {alarm.count > 1 && (
            <span className="count-chip" title={t('ops.alarms.count', { n: alarm.count })}>
              ×{alarm.count}
            </span>
          )}
          <Elapsed from={alarm.raisedAt} className="row-age" />
        </span>
        <span className="row-title">
          {alarm.siteName} · {alarm.zone}
        </span>
        <span className="row-meta">
          <span>{station}</span>
          <span className={`state-chip state-${alarm.status}`}>{t(`ops.alarmStatus.${alarm.status}`)}</span>
          {alarm.ackAt && (
            <span className="ack-time" data-testid="alarm-ack-time">
              {t('ops.alarms.ackTime', { t: ackTime(alarm) })}
            </span>
          )}
        </span>
        {overdue && <span className="overdue-flag">{t('ops.alarms.overdue')}</span>}
      </button>
      {selected && <AlarmDetail alarm={alarm} />}
    </li>
  );
});
