import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** One label/value row of the side panel. */
export function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="field-row">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** A phone number as a tel: link (desk phones in the command centre dial from the browser). */
export function Phone({ value }: { value: string }) {
  const { t } = useTranslation();
  if (!value) return <span className="muted">{t('panel.unknown')}</span>;
  return (
    <a className="phone" href={`tel:${value.replace(/[^\d+]/g, '')}`}>
      {value}
    </a>
  );
}

/** A status pill coloured like the map dot. */
export function StatusPill({ status, label }: { status: string; label: string }) {
  return <span className={`status-pill status-${status}`}>{label}</span>;
}
