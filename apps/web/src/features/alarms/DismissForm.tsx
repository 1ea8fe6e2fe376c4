import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const PRESETS = ['device', 'touch', 'animal', 'checked'] as const;

/** Why the alarm is false: a preset or free text, required (the gateway wants 2–200 characters). */
export function DismissForm({
  busy,
  onConfirm,
  onCancel,
}: {
  busy: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const valid = reason.trim().length >= 2;
  return (
    <form
      className="ops-form dismiss-form"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (valid) onConfirm(reason.trim());
      }}
    >
      <div className="preset-row">
        {PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            className={`chip ${reason === t(`ops.alarms.reasons.${p}`) ? 'is-on' : ''}`}
            data-testid="alarm-dismiss-preset"
            onClick={() => setReason(t(`ops.alarms.reasons.${p}`))}
          >
            {t(`ops.alarms.reasons.${p}`)}
          </button>
        ))}
      </div>
      <label className="ops-field">
        <span>{t('ops.alarms.dismissReason')}</span>
        <input
          data-testid="alarm-dismiss-reason"
          value={reason}
          maxLength={200}
          placeholder={t('ops.alarms.dismissPlaceholder')}
          aria-invalid={tried && !valid}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      {tried && !valid && <p className="form-error">{t('ops.alarms.reasonRequired')}</p>}
      <div className="ops-actions">
        <button type="submit" className="btn btn-danger" data-testid="alarm-dismiss-confirm" disabled={busy}>
          {t('ops.alarms.dismissConfirm')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          {t('ops.common.cancel')}
        </button>
      </div>
    </form>
  );
}
