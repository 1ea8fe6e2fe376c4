import './stats.css';
import { STATS_COLUMNS, STATS_GROUPS, type StatsRow } from '@onpatrol/contracts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorText } from '../../ui/errorText';
import { useOps } from '../ops-feed/opsStore';
import { useRegistry } from '../registry/registryStore';
import { localDay, type StatsFilter, statsQuery, totals } from './statsQuery';

const REFRESH_DEBOUNCE_MS = 1500;

function initialFilter(): StatsFilter {
  const today = new Date();
  const from = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 29);
  return { group: 'station', fromDay: localDay(from), toDay: localDay(today) };
}

/** Results through video and alarms (考核) per station, officer or camera, with a CSV export. */
export function StatsPage() {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<StatsFilter>(initialFilter);
  const [rows, setRows] = useState<StatsRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reload, setReload] = useState(0);
  const stationById = useRegistry((s) => s.stationById);
  // A resolved incident or a handled alarm changes the counts: refetch shortly after (debounced).
  const incidents = useOps((s) => s.incidents);
  const alarms = useOps((s) => s.alarms);
  const query = statsQuery(filter);
  const watching = useRef(false);

  // incidents and alarms are triggers only.
  useEffect(() => {
    if (!watching.current) {
      watching.current = true;
      return;
    }
    const timer = window.setTimeout(() => setReload((n) => n + 1), REFRESH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [incidents, alarms]);

  useEffect(() => {
    let live = true;
    api.ops.stats(query).then(
      (r) => {
        if (!live) return;
        setRows(r);
        setError(null);
      },
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [query, reload]);

  const sum = useMemo(() => totals(rows ?? []), [rows]);
  const label = (r: StatsRow) => {
    const st = filter.group === 'station' ? stationById.get(r.key) : undefined;
    if (st) return i18n.language === 'en' ? st.nameEn : st.name;
    return r.label;
  };
  const set = (patch: Partial<StatsFilter>) => setFilter((f) => ({ ...f, ...patch }));

  return (
    <section className="stats-page" data-testid="stats-page" data-group={filter.group}>
      <header className="stats-bar">
        <h2>{t('ops.stats.title')}</h2>
        {/* biome-ignore lint/a11y/useSemanticElements: a segmented control, not a form field set */}
        <div className="ops-seg" role="group" aria-label={t('ops.stats.group')}>
          {STATS_GROUPS.map((g) => (
            <button
              key={g}
              type="button"
              className={`ops-tab ${filter.group === g ? 'is-on' : ''}`}
              data-testid={`stats-group-${g}`}
              aria-pressed={filter.group === g}
              onClick={() => set({ group: g })}
            >
              {t(`ops.stats.groups.${g}`)}
            </button>
          ))}
        </div>
        <label className="ops-field inline">
          <span>{t('ops.stats.from')}</span>
          <input
            type="date"
            data-testid="stats-from"
            value={filter.fromDay}
            onChange={(e) => set({ fromDay: e.target.value })}
          />
        </label>
        <label className="ops-field inline">
          <span>{t('ops.stats.to')}</span>
          <input
            type="date"
            data-testid="stats-to"
            value={filter.toDay}
            onChange={(e) => set({ toDay: e.target.value })}
          />
        </label>
        <button
          type="button"
          className="btn"
          data-testid="stats-refresh"
          onClick={() => setReload((n) => n + 1)}
        >
          {t('ops.stats.refresh')}
        </button>
        <a className="btn btn-primary" data-testid="stats-export" href={api.ops.statsCsvUrl(query)} download>
          {t('ops.stats.export')}
        </a>
      </header>
      {error !== null && (
        <p className="form-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {rows === null && error === null ? (
        <p className="ops-empty">{t('ops.stats.loading')}</p>
      ) : rows && rows.length === 0 ? (
        <p className="ops-empty">{t('ops.stats.empty')}</p>
      ) : rows ? (
        <div className="stats-scroll">
          <table className="stats-table" data-testid="stats-table">
            <thead>
              <tr>
                <th>{t(`ops.stats.groups.${filter.group}`)}</th>
                {STATS_COLUMNS.map((c) => (
                  <th key={c}>{t(`ops.stats.cols.${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-testid="stats-row" data-key={r.key}>
                  <td title={r.key}>{label(r)}</td>
                  {STATS_COLUMNS.map((c) => (
                    <td key={c} data-col={c}>
                      {r[c]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-testid="stats-total">
                <th>{t('ops.stats.total')}</th>
                {STATS_COLUMNS.map((c) => (
                  <td key={c} data-col={c}>
                    {sum[c]}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
      ) : null}
    </section>
  );
}
