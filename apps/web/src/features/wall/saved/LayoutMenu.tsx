import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../ui/errorText';
import { useAuth } from '../../auth/authStore';
import type { Layout } from '../grid/layout';
import { useWall } from '../grid/wallStore';
import { useSavedViews } from './savedViews';

/** Save the wall under a name, and load or delete saved arrangements (per user, on the gateway). */
export function LayoutMenu() {
  const { t } = useTranslation();
  const user = useAuth((s) => s.me?.username ?? '');
  const items = useSavedViews((s) => s.layouts);
  const error = useSavedViews((s) => s.layoutError);
  const busy = useSavedViews((s) => s.layoutBusy);
  const views = useSavedViews.getState;
  const [name, setName] = useState('');
  const menu = useRef<HTMLDetailsElement>(null);

  const save = async () => {
    const n = name.trim();
    if (!n) return;
    const { layout, slots } = useWall.getState();
    if (await views().saveLayout(n, { layout, cameras: slots.slice(0, layout) })) setName('');
  };

  return (
    <details
      ref={menu}
      className="wall-menu"
      data-testid="layouts-menu"
      onToggle={() => {
        if (menu.current?.open) void views().load(user, 'layouts');
      }}
    >
      <summary className="btn btn-ghost">{t('wall.layouts.title')}</summary>
      <div className="wall-menu-body panel">
        <form
          className="wall-menu-row"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
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
          <button
            type="submit"
            className="btn"
            data-testid="layout-save"
            disabled={!name.trim() || busy}
            aria-busy={busy}
          >
            {busy ? t('wall.layouts.saving') : t('wall.layouts.save')}
          </button>
        </form>
        {error ? (
          <p className="form-error" role="alert" data-testid="layouts-error">
            {errorText(t, error)}
          </p>
        ) : null}
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
                  useWall.getState().load(l.layout as Layout, l.cameras);
                  if (menu.current) menu.current.open = false;
                }}
              >
                {t('wall.layouts.load')}
              </button>
              <button
                type="button"
                className="btn btn-tile"
                data-testid="layout-delete"
                disabled={busy}
                onClick={() => void views().deleteLayout(l.name)}
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
