import { OUTCOMES, type Outcome } from '@onpatrol/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface DoneResult {
  outcome: Outcome;
  suspectsCaught?: number;
  note?: string;
}

/** The outcome of an order: what happened, how many suspects were caught, a note. */
export function DoneForm({ busy, onDone }: { busy: boolean; onDone: (r: DoneResult) => void }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [suspects, setSuspects] = useState('1');
  const [note, setNote] = useState('');
  const count = Number.parseInt(suspects, 10);
  const countOk = outcome !== 'suspects_caught' || (Number.isInteger(count) && count >= 1 && count <= 100);
  const ready = outcome !== '' && countOk;
  return (
    <form
      className="done-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!ready) return;
        const trimmed = note.trim();
        onDone({
          outcome,
          ...(outcome === 'suspects_caught' ? { suspectsCaught: count } : {}),
          ...(trimmed ? { note: trimmed } : {}),
        });
      }}
    >
      <label className="ops-field">
        <span>{t('ops.unit.outcome')}</span>
        <select
          data-testid="unit-outcome"
          value={outcome}
          onChange={(e) => setOutcome(e.target.value as Outcome)}
        >
          <option value="" disabled>
            {t('ops.unit.pickOutcome')}
          </option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`ops.outcome.${o}`)}
            </option>
          ))}
        </select>
      </label>
      {outcome === 'suspects_caught' && (
        <label className="ops-field">
          <span>{t('ops.unit.suspects')}</span>
          <input
            data-testid="unit-suspects"
            type="number"
            inputMode="numeric"
            min={1}
            max={100}
            value={suspects}
            aria-invalid={!countOk}
            onChange={(e) => setSuspects(e.target.value)}
          />
        </label>
      )}
      <label className="ops-field">
        <span>{t('ops.unit.resultNote')}</span>
        <textarea
          data-testid="unit-note"
          rows={2}
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <button
        type="submit"
        className="btn btn-primary btn-big"
        data-testid="unit-done"
        disabled={busy || !ready}
      >
        {t('ops.unit.done')}
      </button>
    </form>
  );
}
