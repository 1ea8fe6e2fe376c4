import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/authStore';
import { type NamedLayout, savedLayouts } from './savedLayouts';
import { useWall } from './wallStore';

/** Save the wall under a name, and load or delete saved arrangements (per user, this computer). */
export function LayoutMenu() {
  const { t } = useTranslation();
  const user = useAuth((s) => s.me?.username ?? '');
  const store = useMemo(() => savedLayouts(), []);
  const [items, setItems] = useState<NamedLayout[]>(() => store.list(user));
  const [name, setName] = useState('');
  const menu = useRef<HTMLDetailsElement>(null);

  const save = () => {
    const n = name.trim();
    if (!n) return;
    const { layout, slots } = useWall.getState();
    setItems(store.save(user, { name: n, layout, cameras: slots.slice(0, layout) }));
    setName('');
  };

  return (
    <details
      ref={menu}
      className="wall-menu"
      data-testid="layouts-menu"
      onToggle={() => setItems(store.list(user))}
    >
      <summary className="btn btn-ghost">{t('wall.layouts.title')}</summary>
      <div className="wall-menu-body panel">
        <form
          className="wall-menu-row"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <input
            className="wall-input"
            data-testid="layout-name"
            placeholder={t('wall.layouts.name')}
            aria-label={t('wall.layouts.name')}
            value={name}
            maxLength={40}
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" className="btn" data-testid="layout-save" disabled={!name.trim()}>
            {t('wall.layouts.save')}
          </button>
        </form>
        {items.length === 0 && <p className="muted wall-menu-empty">{t('wall.layouts.none')}</p>}
        <ul className="wall-list">
          {items.map((l) => (
            <li key={l.name} className="wall-list-item" data-testid="layout-item" data-name={l.name}>
              <span className="wall-list-name">{l.name}</span>
              <span className="muted">
                {t('wall.layouts.count', { n: l.layout, cameras: l.cameras.filter(Boolean).length })}
              </span>
              <button
                type="button"
                className="btn btn-tile"
                data-testid="layout-load"
                onClick={() => {
                  useWall.getState().load(l.layout, l.cameras);
                  if (menu.current) menu.current.open = false;
                }}
              >
                {t('wall.layouts.load')}
              </button>
              <button
                type="button"
                className="btn btn-tile"
                data-testid="layout-delete"
                onClick={() => setItems(store.remove(user, l.name))}
              >
                {t('wall.layouts.delete')}
              </button>
            </li>
          ))}
        </ul>
      </div>
    </details>
  );
}
