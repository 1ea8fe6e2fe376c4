import { INCIDENT_KINDS, type IncidentKind } from '@onpatrol/contracts';
import { type SyntheticEvent, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { FlagIcon } from '../../ui/icons';
import { useCommand } from '../../ui/useCommand';
import { useAuth } from '../auth/authStore';
import { commandErrorText, sendCommand } from '../ops-feed/commands';
import { useNotice } from '../ops-feed/notice';
import { useCameraName } from '../registry/names';

type ReportKind = Exclude<IncidentKind, 'alarm'>;
const KINDS = INCIDENT_KINDS.filter((k): k is ReportKind => k !== 'alarm');
// Events inside the dialog must not reach a wall tile around the button (select, focus, drag).
const stop = (e: SyntheticEvent) => e.stopPropagation();

function ReportDialog({ cameraId, onClose }: { cameraId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const camera = useCameraName(cameraId);
  const [kind, setKind] = useState<ReportKind>('suspicious_person');
  const [plate, setPlate] = useState('');
  const [note, setNote] = useState('');
  const { busy, error, run } = useCommand();
  const notice = useNotice((s) => s.show);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const submit = () =>
    run(async () => {
      const trimmedPlate = plate.trim();
      const incident = await sendCommand('report:create', {
        cameraId,
        kind,
        note: note.trim(),
        ...(kind === 'suspicious_vehicle' && trimmedPlate ? { plate: trimmedPlate } : {}),
      });
      notice(t('ops.report.done', { id: incident.id }));
      dialog.current?.close();
    });

  return createPortal(
    <dialog
      ref={dialog}
      className="panel dialog report-dialog"
      data-testid="report-dialog"
      onClose={onClose}
      onClick={stop}
      onDoubleClick={stop}
      onKeyDown={stop}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 className="dialog-title">{t('ops.report.title')}</h2>
        <p className="muted">{t('ops.report.camera', { name: camera })}</p>
        <label className="ops-field">
          <span>{t('ops.report.kind')}</span>
          <select
            data-testid="report-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as ReportKind)}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`ops.incidentKind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {kind === 'suspicious_vehicle' && (
          <label className="ops-field">
            <span>{t('ops.report.plate')}</span>
            <input
              data-testid="report-plate"
              value={plate}
              maxLength={16}
              onChange={(e) => setPlate(e.target.value)}
            />
          </label>
        )}
        <label className="ops-field">
          <span>{t('ops.report.note')}</span>
          <textarea
            data-testid="report-note"
            rows={3}
            value={note}
            maxLength={500}
            placeholder={t('ops.report.notePlaceholder')}
            onChange={(e) => setNote(e.target.value)}
          />
        </label>
        {error !== null && (
          <p className="form-error" role="alert" data-testid="report-error">
            {commandErrorText(t, error)}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn btn-ghost" onClick={() => dialog.current?.close()}>
            {t('ops.common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="report-submit" disabled={busy}>
            {busy ? t('ops.report.submitting') : t('ops.report.submit')}
          </button>
        </div>
      </form>
    </dialog>,
    document.body,
  );
}

/**
 * "Report" on a camera (side panel, wall tile): the duty officer flags what the picture shows and
 * it becomes an incident on the shift leader's board. Shown only to users who may report.
 */
export function ReportButton({ cameraId, compact = false }: { cameraId: string; compact?: boolean }) {
  const { t } = useTranslation();
  const allowed = useAuth((s) => s.me?.permissions.includes('incidents:report') ?? false);
  const [open, setOpen] = useState(false);
  if (!allowed) return null;
  return (
    <>
      <button
        type="button"
        className={compact ? 'btn btn-tile btn-report' : 'btn btn-report'}
        data-testid="report-open"
        title={t('ops.report.title')}
        onClick={() => setOpen(true)}
      >
        <FlagIcon />
        {!compact && t('ops.report.open')}
      </button>
      {open && <ReportDialog cameraId={cameraId} onClose={() => setOpen(false)} />}
    </>
  );
}
