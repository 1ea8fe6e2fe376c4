import { type CSSProperties, lazy, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../features/auth/authStore';
import { SidePanel } from '../features/camera-panel/SidePanel';
import { LayerPanel } from '../features/layers/LayerPanel';
import { StatusBar } from '../features/layers/StatusBar';
import { useSelection } from '../features/map/selectionStore';
import { useRealtime } from '../features/realtime/useRealtime';
import { useRegistry } from '../features/registry/registryStore';
import { SearchBox } from '../features/search/SearchBox';
import { useView } from '../features/wall/grid/viewStore';
import { useWall } from '../features/wall/grid/wallStore';
import { usePatrolLog } from '../features/wall/patrol/usePatrolLog';
import { useTour } from '../features/wall/tour/tourStore';
import { errorText } from '../ui/errorText';
import { MapView } from './MapView';
import { OpsScreens } from './OpsScreens';
import { SplitHandle } from './SplitHandle';
import { TopBar } from './TopBar';

// The wall (and hls.js with it) loads in its own chunk, so the map's first paint does not wait for it.
const VideoWall = lazy(() => import('../features/wall/VideoWall').then((m) => ({ default: m.VideoWall })));

/**
 * The signed-in screen: top bar over the workspace. The workspace shows the map (floating search,
 * layers, legend, panel), the video wall, or both side by side; the hidden one stays mounted, so
 * the map keeps its view and the wall its cameras (its players stop loading while hidden).
 */
export function CommandScreen() {
  const { t } = useTranslation();
  const status = useRegistry((s) => s.status);
  const error = useRegistry((s) => s.error);
  const load = useRegistry((s) => s.load);
  const username = useAuth((s) => s.me?.username ?? null);
  const view = useView((s) => s.view);
  const split = useView((s) => s.split);
  const workspace = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void load();
    return () => {
      useRegistry.getState().reset();
      useSelection.getState().clear();
      useTour.getState().stop();
      useWall.getState().reset();
    };
  }, [load]);
  useRealtime(status === 'ready');
  usePatrolLog(username);

  return (
    <div className="command-screen">
      <TopBar />
      <OpsScreens />
      <div
        ref={workspace}
        className={`workspace view-${view} ${status === 'ready' ? 'is-ready' : ''}`}
        data-testid="workspace"
        data-view={view}
        style={{ '--split': `${(split * 100).toFixed(1)}%` } as CSSProperties}
      >
        <div className="map-area">
          {status === 'ready' ? (
            <>
              <MapView />
              <div className="overlay-left">
                <SearchBox />
                <LayerPanel />
              </div>
              <SidePanel />
              <StatusBar />
            </>
          ) : status === 'error' ? (
            <div className="map-message" role="alert" data-testid="load-error">
              <p>{t('app.loadFailed', { message: errorText(t, error) })}</p>
              <button type="button" className="btn btn-primary" onClick={() => void load()}>
                {t('app.retry')}
              </button>
            </div>
          ) : (
            <div className="map-message" role="status">
              <div className="spinner" aria-hidden="true" />
              <p>{t('app.loadingMap')}</p>
            </div>
          )}
        </div>
        {status === 'ready' && (
          <>
            <SplitHandle container={workspace} />
            <div className="wall-area">
              <Suspense fallback={null}>
                <VideoWall />
              </Suspense>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
