import { type FocusEvent, type KeyboardEvent, useDeferredValue, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dragCamera } from '../../ui/dnd';
import { useSelection } from '../map/selectionStore';
import { useRegistry } from '../registry/registryStore';
import { buildSearchIndex, type SearchEntry, search } from './searchIndex';

/** Results listed for one text. */
const SHOWN = 20;

/** Local search over everything loaded; arrow keys move, Enter chooses, Escape closes. */
export function SearchBox() {
  const { t, i18n } = useTranslation();
  const stations = useRegistry((s) => s.stations);
  const sites = useRegistry((s) => s.sites);
  const cameras = useRegistry((s) => s.cameras);
  const alarms = useRegistry((s) => s.alarms);
  const select = useSelection((s) => s.select);
  const index = useMemo(
    () => buildSearchIndex({ stations, sites, cameras, alarms }),
    [stations, sites, cameras, alarms],
  );
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const deferred = useDeferredValue(query);
  const results = useMemo(() => search(index, deferred, SHOWN), [index, deferred]);
  const listId = useId();
  // Focus moving into the list (a camera result is focused when a drag starts) keeps it open.
  const closeUnlessInside = (e: FocusEvent) => {
    const next = e.relatedTarget as Node | null;
    const box = e.currentTarget.closest('.search');
    if (!next || !box?.contains(next)) setOpen(false);
  };
  const en = i18n.language === 'en';
  const stationName = (id: string) => {
    const st = stations.find((s) => s.id === id);
    return st ? (en ? st.nameEn : st.name) : '';
  };

  const choose = (e: SearchEntry) => {
    select({ kind: e.kind, id: e.id }, true);
    setQuery(e.kind === 'station' ? stationName(e.id) : e.name);
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (results.length ? (a + step + results.length) % results.length : 0));
    } else if (e.key === 'Enter') {
      // The list may still show the previous text's results (deferred rendering): choose from
      // what the text in the box finds.
      const hit = (deferred === query ? results : search(index, query, SHOWN))[active];
      if (hit) {
        e.preventDefault();
        choose(hit);
      }
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };

  const showList = open && query.trim().length > 0;
  return (
    <div className="search panel">
      <input
        type="search"
        className="search-input"
        data-testid="search-input"
        role="combobox"
        aria-label={t('search.label')}
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && results[active] ? `${listId}-${active}` : undefined}
        aria-autocomplete="list"
        placeholder={t('search.placeholder')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={closeUnlessInside}
        onKeyDown={onKeyDown}
      />
      {showList && (
        <div
          className="search-results"
          id={listId}
          role="listbox"
          data-testid="search-results"
          // The text these results are for; busy while they are still the previous text's.
          data-query={deferred}
          aria-busy={deferred !== query}
          onBlur={closeUnlessInside}
        >
          {results.length === 0 && <div className="search-empty muted">{t('search.noResults')}</div>}
          {results.map((r, i) => (
            <div
              key={`${r.kind}:${r.id}`}
              id={`${listId}-${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              className={`search-result ${i === active ? 'is-active' : ''}`}
              data-testid="search-result"
              data-kind={r.kind}
              data-id={r.id}
              // cameras can be dragged straight onto a wall tile
              draggable={r.kind === 'camera'}
              onDragStart={(ev) => r.kind === 'camera' && dragCamera(ev, r.id)}
              // keep the focus in the input, except where it would stop a drag from starting
              onMouseDown={(ev) => r.kind !== 'camera' && ev.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => choose(r)}
              onKeyDown={() => undefined}
            >
              <span className={`result-kind kind-${r.kind}`}>{t(`search.kind.${r.kind}`)}</span>
              <span className="result-name">{r.kind === 'station' ? stationName(r.id) : r.name}</span>
              <span className="result-detail muted">{r.siteKind ? t(`siteKind.${r.siteKind}`) : r.id}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
