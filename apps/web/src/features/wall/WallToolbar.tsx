import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { toggleFullscreen } from './grid/fullscreen';
import { LAYOUTS } from './grid/layout';
import { useWall } from './grid/wallStore';
import { LayoutMenu } from './saved/LayoutMenu';
import { TourControls } from './tour/TourControls';

interface Props {
  wallRef: RefObject<HTMLElement | null>;
  sidebar: boolean;
  onSidebar: () => void;
}

/** Layout switcher, saved layouts, tour controls, the side panel toggle and full screen. */
export function WallToolbar({ wallRef, sidebar, onSidebar }: Props) {
  const { t } = useTranslation();
  const layout = useWall((s) => s.layout);
  const focus = useWall((s) => s.focus);
  const setLayout = useWall((s) => s.setLayout);

  return (
    <div className="wall-toolbar">
      <button
        type="button"
        className={`btn btn-ghost ${sidebar ? 'is-on' : ''}`}
        data-testid="wall-sidebar-toggle"
        aria-pressed={sidebar}
        onClick={onSidebar}
      >
        {t('wall.sidebar')}
      </button>
      {/* biome-ignore lint/a11y/useSemanticElements: a segmented control, not a form field set */}
      <div className="segmented" role="group" aria-label={t('wall.layoutTitle')}>
        {LAYOUTS.map((n) => (
          <button
            key={n}
            type="button"
            className={`seg ${layout === n && focus === null ? 'is-on' : ''}`}
            data-testid={`wall-layout-${n}`}
            aria-pressed={layout === n}
            title={t('wall.layout', { n })}
            onClick={() => {
              setLayout(n);
              useWall.getState().setFocus(null);
            }}
          >
            {n}
          </button>
        ))}
      </div>
      <LayoutMenu />
      <span className="wall-toolbar-fill" />
      <TourControls />
      <button
        type="button"
        className="btn btn-ghost"
        data-testid="wall-fullscreen"
        title={t('wall.fullscreen')}
        onClick={() => toggleFullscreen(wallRef.current)}
      >
        {t('wall.fullscreen')}
      </button>
    </div>
  );
}
