import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/authStore';
import { useSavedViews } from '../saved/savedViews';
import { useTour } from './tourStore';

/** Seconds until the next page, ticking while the tour runs. */
function useCountdown(atMs: number | null): number | null {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (atMs === null) return;
    const timer = window.setInterval(() => setNow(Date.now()), 500);
    return () => window.clearInterval(timer);
  }, [atMs]);
  return atMs === null ? null : Math.max(0, Math.ceil((atMs - now) / 1000));
}

/** Start a saved tour; while one runs: where it is, pause/resume, next page, stop. */
export function TourControls() {
  const { t } = useTranslation();
  const user = useAuth((s) => s.me?.username ?? '');
  const saved = useSavedViews((s) => s.tours);
  const load = useSavedViews((s) => s.load);
  const tour = useTour();
  const [chosen, setChosen] = useState('');
  const left = useCountdown(tour.nextAtMs);

  useEffect(() => {
    void load(user, 'tours');
  }, [load, user]);

  if (!tour.running) {
    const pick = saved.find((x) => x.name === chosen) ?? saved[0];
    return (
      <div className="tour-controls">
        <select
          className="wall-select"
          data-testid="tour-select"
          aria-label={t('tour.select')}
          value={pick?.name ?? ''}
          onChange={(e) => setChosen(e.target.value)}
          disabled={saved.length === 0}
        >
          {saved.length === 0 && <option value="">{t('tour.none')}</option>}
          {saved.map((x) => (
            <option key={x.name} value={x.name}>
              {x.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="tour-start"
          disabled={!pick}
          onClick={() => pick && tour.start(pick)}
        >
          {t('tour.start')}
        </button>
      </div>
    );
  }
  return (
    <div className="tour-controls is-running" data-testid="tour-status" data-page={tour.page}>
      <span className="tour-state">
        {t('tour.status', { name: tour.tour?.name ?? '', page: tour.page + 1, pages: tour.pages })}
        {' · '}
        {tour.paused ? t('tour.paused') : t('tour.next', { s: left ?? 0 })}
      </span>
      <button
        type="button"
        className="btn"
        data-testid="tour-pause"
        aria-pressed={tour.paused}
        onClick={tour.paused ? tour.resume : tour.pause}
      >
        {tour.paused ? t('tour.resume') : t('tour.pause')}
      </button>
      <button type="button" className="btn" data-testid="tour-skip" onClick={tour.skip}>
        {t('tour.skip')}
      </button>
      <button type="button" className="btn btn-ghost" data-testid="tour-stop" onClick={tour.stop}>
        {t('tour.stop')}
      </button>
    </div>
  );
}
