import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dragCamera } from '../../ui/dnd';
import { useRegistry } from '../registry/registryStore';
import { buildSearchIndex, search } from '../search/searchIndex';
import { placeOnWall } from './grid/placeOnWall';
import { useTours } from './tour/tourDraft';
import { camerasOf } from './tour/tourSources';

/**
 * Search beside the wall: a camera goes on the wall with a click (or drag it onto a tile); any
 * result — camera, site, station — can be added to the tour being built.
 */
export function WallSearch() {
  const { t, i18n } = useTranslation();
  const stations = useRegistry((s) => s.stations);
  const sites = useRegistry((s) => s.sites);
  const cameras = useRegistry((s) => s.cameras);
  const index = useMemo(
    () => buildSearchIndex({ stations, sites, cameras, alarms: null }),
    [stations, sites, cameras],
  );
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const results = useMemo(() => search(index, deferred, 30), [index, deferred]);
  const add = useTours((s) => s.add);
  const en = i18n.language === 'en';
  const label = (kind: string, id: string, name: string) =>
    kind === 'station' && en ? (stations.find((s) => s.id === id)?.nameEn ?? name) : name;

  return (
    <div className="wall-search">
      <input
        type="search"
        className="wall-input"
        data-testid="wall-search-input"
        placeholder={t('tour.searchPlaceholder')}
        aria-label={t('search.label')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <ul className="wall-list wall-search-results" data-query={deferred} aria-busy={deferred !== query}>
        {query.trim() && results.length === 0 && <li className="muted">{t('search.noResults')}</li>}
        {results.map((r) => {
          const ids = r.kind === 'camera' ? [r.id] : camerasOf(cameras, r.kind as 'site' | 'station', r.id);
          return (
            <li
              key={`${r.kind}:${r.id}`}
              className="wall-list-item"
              data-testid="wall-search-result"
              data-kind={r.kind}
              data-id={r.id}
              draggable={r.kind === 'camera'}
              onDragStart={(e) => r.kind === 'camera' && dragCamera(e, r.id)}
            >
              <span className={`result-kind kind-${r.kind}`}>{t(`search.kind.${r.kind}`)}</span>
              <span className="wall-list-name" title={r.id}>
                {label(r.kind, r.id, r.name)}
              </span>
              {r.kind === 'camera' && (
                <button
                  type="button"
                  className="btn btn-tile"
                  data-testid="wall-search-play"
                  title={t('wall.playTitle')}
                  onClick={() => placeOnWall(r.id)}
                >
                  {t('wall.play')}
                </button>
              )}
              <button
                type="button"
                className="btn btn-tile"
                data-testid="wall-search-add"
                disabled={ids.length === 0}
                title={t('tour.addAll', { n: ids.length })}
                onClick={() => add(ids)}
              >
                +{r.kind === 'camera' ? '' : ids.length}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
