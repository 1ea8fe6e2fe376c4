import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { SidePanel } from '../features/camera-panel/SidePanel';
import { LayerPanel } from '../features/layers/LayerPanel';
import { StatusBar } from '../features/layers/StatusBar';
import { MapView } from '../features/map/MapView';
import { useRegistry } from '../features/map/registryStore';
import { useSelection } from '../features/map/selectionStore';
import { useRealtime } from '../features/realtime/useRealtime';
import { SearchBox } from '../features/search/SearchBox';
import { errorText } from './errorText';
import { TopBar } from './TopBar';

/** The signed-in screen: top bar over a full-screen map with floating search, layers, legend and panel. */
export function CommandScreen() {
  const { t } = useTranslation();
  const status = useRegistry((s) => s.status);
  const error = useRegistry((s) => s.error);
  const load = useRegistry((s) => s.load);

  useEffect(() => {
    void load();
    return () => {
      useRegistry.getState().reset();
      useSelection.getState().clear();
    };
  }, [load]);
  useRealtime(status === 'ready');

  return (
    <div className="command-screen">
      <TopBar />
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
    </div>
  );
}
