import type { Alarm } from '@onpatrol/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clockTime } from '../../ui/time';
import { useCommand } from '../../ui/useCommand';
import { commandErrorText, sendCommand } from '../ops-feed/commands';
import { useNotice } from '../ops-feed/notice';
import { AlarmCameras } from './AlarmCameras';
import { DismissForm } from './DismissForm';

/** An opened alarm: where it is, the cameras that see it, and the duty officer's three actions. */
export function AlarmDetail({ alarm }: { alarm: Alarm }) {
  const { t } = useTranslation();
  const { busy, error, run } = useCommand();
  const [dismissing, setDismissing] = useState(false);
  const [note, setNote] = useState('');
  const notice = useNotice((s) => s.show);

  const ack = () => run(() => sendCommand('alarm:ack', { alarmId: alarm.id }));
  const dismiss = (reason: string) =>
    run(async () => {
      await sendCommand('alarm:dismiss', { alarmId: alarm.id, reason });
      notice(t('ops.alarms.dismissed', { id: alarm.id }));
    });
  const escalate = () =>
    run(async () => {
      const trimmed = note.trim();
      const incident = await sendCommand('alarm:escalate', {
        alarmId: alarm.id,
        ...(trimmed ? { note: trimmed } : {}),
      });
      notice(t('ops.alarms.escalated', { id: alarm.id, incident: incident.id }));
    });

  return (
    <div className="ops-detail" data-testid="alarm-detail">
      <dl className="ops-facts">
        <dt>{t('ops.alarms.raisedAt')}</dt>
        <dd>{clockTime(alarm.raisedAt)}</dd>
        <dt>{t('ops.alarms.device')}</dt>
        <dd>{alarm.deviceName}</dd>
        {alarm.count > 1 && (
          <>
            <dt>{t('ops.alarms.lastAt')}</dt>
            <dd>{clockTime(alarm.lastAt)}</dd>
          </>
        )}
      </dl>
      <AlarmCameras cameraIds={alarm.cameraIds} />
      {error !== null && (
        <p className="form-error" role="alert" data-testid="alarm-error">
          {commandErrorText(t, error)}
        </p>
      )}
      {dismissing ? (
        <DismissForm busy={busy} onConfirm={(r) => void dismiss(r)} onCancel={() => setDismissing(false)} />
      ) : (
        <>
          <label className="ops-field">
            <span>{t('ops.alarms.escalateNote')}</span>
            <input
              data-testid="alarm-escalate-note"
              value={note}
              maxLength={500}
              onChange={(e) => setNote(e.target.value)}
            />
          </label>
          <div className="ops-actions">
            {alarm.status === 'new' && (
              <button
                type="button"
                className="btn btn-primary"
                data-testid="alarm-ack"
                disabled={busy}
                onClick={() => void ack()}
              >
                {t('ops.alarms.ack')}
              </button>
            )}
            <button
              type="button"
              className="btn btn-warn"
              data-testid="alarm-escalate"
              disabled={busy}
              onClick={() => void escalate()}
            >
              {t('ops.alarms.escalate')}
            </button>
            <button
              type="button"
              className="btn"
              data-testid="alarm-dismiss"
              disabled={busy}
              onClick={() => setDismissing(true)}
            >
              {t('ops.alarms.dismiss')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
