import { useTranslation } from 'react-i18next';
import { type ScreenView, useView } from '../features/wall/grid/viewStore';

const VIEWS: ScreenView[] = ['map', 'split', 'wall'];

/** 地图 / 分屏 / 视频墙: the map, the map beside the wall, or the wall alone. */
export function ViewSwitch() {
  const { t } = useTranslation();
  const view = useView((s) => s.view);
  const setView = useView((s) => s.setView);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a segmented control, not a form field set
    <div className="segmented" role="group" aria-label={t('view.label')}>
      {VIEWS.map((v) => (
        <button
          key={v}
          type="button"
          className={`seg ${view === v ? 'is-on' : ''}`}
          data-testid={`view-${v}`}
          aria-pressed={view === v}
          onClick={() => setView(v)}
        >
          {t(`view.${v}`)}
        </button>
      ))}
    </div>
  );
}
