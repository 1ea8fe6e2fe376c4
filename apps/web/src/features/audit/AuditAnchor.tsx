import type { AuditVerification } from '@onpatrol/contracts';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorText } from '../../ui/errorText';
import { anchorStatus } from './anchorStatus';

/**
 * The audit log's anchor: the newest signed checkpoint of the chain's head (kept outside the
 * database) and whether the table still holds what it signed. Deleted or rewritten records show
 * here, naming the record.
 */
export function AuditAnchor() {
  const { t, i18n } = useTranslation();
  const [result, setResult] = useState<AuditVerification | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const check = useCallback(() => {
    setBusy(true);
    setError(null);
    api.ops
      .auditVerify()
      .then(setResult, setError)
      .finally(() => setBusy(false));
  }, []);
  useEffect(() => check(), [check]);

  const status = result ? anchorStatus(result) : null;
  const time = status?.at ? new Date(status.at).toLocaleString(i18n.language) : '—';
  return (
    <div
      className={`audit-anchor audit-anchor-${status?.state ?? 'pending'}`}
      data-testid="audit-anchor"
      data-state={status?.state ?? 'pending'}
    >
      <strong>{t('audit.anchor.title')}</strong>
      {status && (
        <span data-testid="audit-anchor-status">
          {t(`audit.anchor.${status.state}`, { seq: status.seq, time })}
        </span>
      )}
      <button type="button" onClick={check} disabled={busy} data-testid="audit-anchor-check">
        {t('audit.anchor.check')}
      </button>
      {error !== null && <span className="ops-error">{errorText(t, error)}</span>}
      {result && result.problems.length > 0 && (
        <ul className="audit-anchor-problems">
          {result.problems.map((p) => (
            <li key={`${p.kind}-${p.line ?? ''}-${p.seq ?? ''}`} title={p.message} data-kind={p.kind}>
              {t(`audit.anchor.problem.${p.kind}`, { seq: p.seq ?? '—' })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
