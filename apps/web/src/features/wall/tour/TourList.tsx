import { useTranslation } from 'react-i18next';
import { useSavedViews } from '../saved/savedViews';
import { useTours } from './tourDraft';
import { useTour } from './tourStore';

/** The user's saved tours: start one, edit it in the builder, or delete it. */
export function TourList() {
  const { t } = useTranslation();
  const saved = useSavedViews((s) => s.tours);
  const busy = useSavedViews((s) => s.tourBusy);
  const start = useTour((s) => s.start);
  return (
    <section>
      <h3 className="side-section">{t('tour.saved')}</h3>
      {saved.length === 0 && <p className="muted">{t('tour.empty')}</p>}
      <ul className="wall-list">
        {saved.map((tour) => (
          <li key={tour.name} className="wall-list-item" data-testid="tour-item" data-name={tour.name}>
            <span className="wall-list-name">{tour.name}</span>
            <span className="muted">{t('tour.summary', { n: tour.cameraIds.length, s: tour.dwellSec })}</span>
            <button
              type="button"
              className="btn btn-tile"
              data-testid="tour-item-start"
              onClick={() => start(tour)}
            >
              {t('tour.startThis')}
            </button>
            <button
              type="button"
              className="btn btn-tile"
              data-testid="tour-item-edit"
              onClick={() => useTours.getState().edit(tour)}
            >
              {t('tour.edit')}
            </button>
            <button
              type="button"
              className="btn btn-tile"
              data-testid="tour-item-delete"
              disabled={busy}
              onClick={() => void useSavedViews.getState().deleteTour(tour.name)}
            >
              {t('tour.delete')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
