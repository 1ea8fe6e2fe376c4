import { useTranslation } from 'react-i18next';
import { errorText } from '../../../ui/errorText';
import { useSelection } from '../../map/selectionStore';
import { useRegistry } from '../../registry/registryStore';
import { useWall } from '../grid/wallStore';
import { useSavedViews } from '../saved/savedViews';
import { useTours } from './tourDraft';
import { MAX_DWELL_SEC, MIN_DWELL_SEC } from './tourPaging';
import { camerasOf } from './tourSources';

const SHOWN = 40;

/** Build a tour: from the wall, from the map's selected site or station, or from search (+). */
export function TourBuilder() {
  const { t, i18n } = useTranslation();
  const error = useSavedViews((s) => s.tourError);
  const busy = useSavedViews((s) => s.tourBusy);
  const draft = useTours((s) => s.draft);
  const tours = useTours.getState;
  const cameras = useRegistry((s) => s.cameras);
  const selected = useSelection((s) => s.selected);
  const placeName = useRegistry((s) => {
    if (selected?.kind === 'site') return s.siteById.get(selected.id)?.name;
    const st = selected?.kind === 'station' ? s.stationById.get(selected.id) : undefined;
    return st && (i18n.language === 'en' ? st.nameEn : st.name);
  });
  const fromSelection =
    selected && (selected.kind === 'site' || selected.kind === 'station')
      ? camerasOf(cameras, selected.kind, selected.id)
      : [];
  const nameOf = (id: string) => {
    const i = cameras?.indexOf.get(id);
    return i === undefined ? id : cameras?.names[i];
  };

  return (
    <section className="tour-builder">
      <h3 className="side-section">{t('tour.builder')}</h3>
      <input
        className="wall-input"
        data-testid="tour-name"
        placeholder={t('tour.name')}
        aria-label={t('tour.name')}
        maxLength={40}
        value={draft.name}
        onChange={(e) => tours().setName(e.target.value)}
      />
      <label className="tour-dwell">
        <span className="muted">{t('tour.dwell')}</span>
        <input
          type="number"
          className="wall-input"
          data-testid="tour-dwell"
          min={MIN_DWELL_SEC}
          max={MAX_DWELL_SEC}
          value={draft.dwellSec}
          onChange={(e) => tours().setDwell(Number(e.target.value))}
        />
      </label>
      <div className="tour-sources">
        <button
          type="button"
          className="btn"
          data-testid="tour-from-wall"
          onClick={() => {
            const { slots, layout } = useWall.getState();
            tours().add(slots.slice(0, layout).filter((x): x is string => x !== null));
          }}
        >
          {t('tour.fromWall')}
        </button>
        <button
          type="button"
          className="btn"
          data-testid="tour-from-selection"
          disabled={fromSelection.length === 0}
          title={t('tour.fromSelectionTitle')}
          onClick={() => tours().add(fromSelection)}
        >
          {placeName
            ? t('tour.addAllOf', { name: placeName, n: fromSelection.length })
            : t('tour.fromSelection')}
        </button>
      </div>
      <p className="muted" data-testid="tour-draft-count">
        {t('tour.cameras', { n: draft.cameraIds.length })}
      </p>
      <ol className="wall-list tour-draft">
        {draft.cameraIds.slice(0, SHOWN).map((id) => (
          <li key={id} className="wall-list-item">
            <span className="wall-list-name" title={id}>
              {nameOf(id)}
            </span>
            <button
              type="button"
              className="btn btn-tile"
              title={t('tour.remove')}
              onClick={() => tours().removeCamera(id)}
            >
              ×
            </button>
          </li>
        ))}
        {draft.cameraIds.length > SHOWN && (
          <li className="muted">{t('tour.more', { n: draft.cameraIds.length - SHOWN })}</li>
        )}
      </ol>
      {error ? (
        <p className="form-error" role="alert" data-testid="tour-error">
          {errorText(t, error)}
        </p>
      ) : null}
      <div className="tour-sources">
        <button type="button" className="btn btn-ghost" data-testid="tour-clear" onClick={tours().clearDraft}>
          {t('tour.clear')}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="tour-save"
          disabled={!draft.name.trim() || draft.cameraIds.length === 0 || busy}
          aria-busy={busy}
          onClick={() => void tours().save()}
        >
          {busy ? t('tour.saving') : t('tour.save')}
        </button>
      </div>
    </section>
  );
}
