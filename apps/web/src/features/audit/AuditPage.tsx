import '../stats/stats.css';
import type { AuditItem } from '@onpatrol/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorText } from '../../ui/errorText';
import { useRegistry } from '../registry/registryStore';
import { AuditAnchor } from './AuditAnchor';
import { type AuditFilter, auditQuery, EMPTY_FILTER } from './auditQuery';

/**
 * The audit log for supervisors: who did what, to which camera or record, when — searchable by
 * person, camera, station and time, and exportable. Station chiefs see their station's records.
 */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<AuditFilter>(EMPTY_FILTER);
  const [filter, setFilter] = useState<AuditFilter>(EMPTY_FILTER);
  const [page, setPage] = useState<{ total: number; items: AuditItem[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const stations = useRegistry((s) => s.stations);
  const stationById = useRegistry((s) => s.stationById);
  const query = auditQuery(filter);

  useEffect(() => {
    let live = true;
    setError(null);
    api.ops
      .audit(query)
      .then((p) => live && setPage(p))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [query]);

  const field = (key: keyof AuditFilter, type = 'text') => (
    <label className="ops-field">
      <span>{t(`audit.filter.${key}`)}</span>
      <input
        data-testid={`audit-${key}`}
        type={type}
        value={draft[key]}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      />
    </label>
  );
  const time = (iso: string) => new Date(iso).toLocaleString(i18n.language);

  return (
    <section className="stats-page" data-testid="audit-page">
      <header className="stats-head">
        <h2>{t('audit.title')}</h2>
        <p className="stats-hint">{t('audit.hint')}</p>
        <AuditAnchor />
      </header>
      <form
        className="stats-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter(draft);
        }}
      >
        {field('actor')}
        {field('target')}
        <label className="ops-field">
          <span>{t('audit.filter.station')}</span>
          <select
            data-testid="audit-station"
            value={draft.station}
            onChange={(e) => setDraft({ ...draft, station: e.target.value })}
          >
            <option value="">{t('audit.allStations')}</option>
            {(stations ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {i18n.language === 'en' ? s.nameEn : s.name}
              </option>
            ))}
          </select>
        </label>
        {field('action')}
        {field('from', 'datetime-local')}
        {field('to', 'datetime-local')}
        <button type="submit" data-testid="audit-search">
          {t('audit.search')}
        </button>
        <a
          className="button"
          data-testid="audit-export"
          href={api.ops.auditCsvUrl(auditQuery(filter, 5000))}
          download
        >
          {t('audit.export')}
        </a>
      </form>
      {error !== null && (
        <p className="ops-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {page && (
        <>
          <p data-testid="audit-total">{t('audit.total', { count: page.total })}</p>
          <table className="stats-table">
            <thead>
              <tr>
                {(['seq', 'at', 'actor', 'action', 'target', 'station', 'details'] as const).map((c) => (
                  <th key={c}>{t(`audit.col.${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {page.items.map((r) => (
                <tr key={r.seq} data-testid="audit-row" data-seq={r.seq} data-action={r.action}>
                  <td>{r.seq}</td>
                  <td>{time(r.at)}</td>
                  <td>{r.actor ?? '—'}</td>
                  <td>{r.action}</td>
                  <td>{r.targetId ?? '—'}</td>
                  <td>{r.stationId ? (stationById?.get(r.stationId)?.name ?? r.stationId) : '—'}</td>
                  <td className="audit-details">{r.details === '{}' ? '' : r.details}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
