import { type Incident, ORDER_TASKS, type RankedUnit } from '@onpatrol/contracts';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorText } from '../../ui/errorText';
import { LocateIcon } from '../../ui/icons';
import { etaMinutes, formatDistance } from '../../ui/time';
import { useCommand } from '../../ui/useCommand';
import { useMapFocus } from '../map/focusStore';
import { commandErrorText, sendCommand } from '../ops-feed/commands';
import { useNotice } from '../ops-feed/notice';
import { useOps } from '../ops-feed/opsStore';

type Task = (typeof ORDER_TASKS)[number];

/** Ranked units (nearest available first) to pick from, the task and note, and one "dispatch". */
export function DispatchForm({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const units = useOps((s) => s.units);
  // Re-rank when any unit's availability changes (positions alone move too often to refetch on).
  const statusKey = useMemo(
    () =>
      Object.values(units)
        .map((u) => `${u.id}:${u.status}`)
        .join(','),
    [units],
  );
  const [ranked, setRanked] = useState<RankedUnit[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [task, setTask] = useState<Task>('check');
  const [note, setNote] = useState('');
  const { busy, error, run, fail } = useCommand();
  const notice = useNotice((s) => s.show);

  // statusKey is the re-rank trigger, not read inside.
  useEffect(() => {
    let live = true;
    api.ops.incidentUnits(incident.id).then(
      (r) => {
        if (!live) return;
        setRanked(r);
        setLoadError(null);
      },
      (e) => live && setLoadError(e),
    );
    return () => {
      live = false;
    };
  }, [incident.id, statusKey]);

  const available = (id: string) => (units[id]?.status ?? 'off_duty') === 'available';
  const chosen = [...picked].filter(available);
  const toggle = (id: string) =>
    setPicked((p) => {
      const next = new Set(p);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const send = async () => {
    if (chosen.length === 0) return fail(new Error(t('ops.dispatch.pickUnits')));
    await run(async () => {
      const trimmed = note.trim();
      await sendCommand('dispatch:send', {
        incidentId: incident.id,
        unitIds: chosen,
        task,
        ...(trimmed ? { note: trimmed } : {}),
      });
      notice(t('ops.dispatch.sent', { units: chosen.join('、') }));
      setPicked(new Set());
      setNote('');
    });
  };

  return (
    <div className="dispatch-form">
      <div className="ops-subhead">
        <span>{t('ops.dispatch.candidates')}</span>
      </div>
      {loadError !== null && <p className="form-error">{errorText(t, loadError)}</p>}
      {ranked === null && loadError === null && (
        <p className="muted small">{t('ops.dispatch.loadingUnits')}</p>
      )}
      {ranked && ranked.length === 0 && <p className="muted small">{t('ops.dispatch.noUnits')}</p>}
      {ranked && ranked.length > 0 && (
        <ul className="candidates">
          {ranked.map((r) => {
            const u = units[r.unit.id] ?? r.unit;
            const free = u.status === 'available';
            const d = formatDistance(r.distanceM);
            return (
              <li
                key={u.id}
                className={`candidate ${free ? '' : 'is-busy'}`}
                data-testid="unit-candidate"
                data-id={u.id}
                data-eta={r.etaSeconds}
                data-status={u.status}
              >
                <label>
                  <input
                    type="checkbox"
                    checked={free && picked.has(u.id)}
                    disabled={!free || busy}
                    onChange={() => toggle(u.id)}
                  />
                  <span className="cand-name">
                    <b>{u.callsign}</b> <code>{u.id}</code>
                  </span>
                  <span className="cand-kind">{t(`ops.unitKind.${u.kind}`)}</span>
                  <span className={`unit-state unit-${u.status}`}>{t(`ops.unitStatus.${u.status}`)}</span>
                  <span className="cand-dist">{t(`ops.units.${d.unit}`, { value: d.value })}</span>
                  <span className="cand-eta">{t('ops.dispatch.eta', { m: etaMinutes(r.etaSeconds) })}</span>
                </label>
                <button
                  type="button"
                  className="btn-icon-sm"
                  title={t('ops.alarms.onMap')}
                  aria-label={t('ops.alarms.onMap')}
                  onClick={() => useMapFocus.getState().flyTo(u.lat, u.lon, 17)}
                >
                  <LocateIcon />
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="ops-row">
        <label className="ops-field">
          <span>{t('ops.dispatch.task')}</span>
          <select data-testid="dispatch-task" value={task} onChange={(e) => setTask(e.target.value as Task)}>
            {ORDER_TASKS.map((k) => (
              <option key={k} value={k}>
                {t(`ops.task.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="ops-field grow">
          <span>{t('ops.dispatch.note')}</span>
          <input
            data-testid="dispatch-note"
            value={note}
            maxLength={500}
            onChange={(e) => setNote(e.target.value)}
          />
        </label>
      </div>
      {error !== null && (
        <p className="form-error" role="alert" data-testid="dispatch-error">
          {commandErrorText(t, error)}
        </p>
      )}
      <div className="ops-actions">
        <button
          type="button"
          className="btn btn-primary"
          data-testid="dispatch-send"
          data-count={chosen.length}
          disabled={busy || chosen.length === 0}
          onClick={() => void send()}
        >
          {busy ? t('ops.dispatch.sending') : t('ops.dispatch.send', { n: chosen.length })}
        </button>
      </div>
    </div>
  );
}
