import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSelection } from '../map/selectionStore';
import { CameraDetails } from './CameraDetails';
import { AlarmDetails, SiteDetails, StationDetails } from './PlaceDetails';

/** Right-hand panel for whatever is selected; Escape or the close button dismisses it. */
export function SidePanel() {
  const { t } = useTranslation();
  const selected = useSelection((s) => s.selected);
  const clear = useSelection((s) => s.clear);

  useEffect(() => {
    if (!selected) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !(e.target instanceof HTMLInputElement)) clear();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected, clear]);

  if (!selected) return null;
  return (
    <aside className="panel side-panel" data-testid={`${selected.kind}-panel`} data-id={selected.id}>
      <div className="side-header">
        <span className={`result-kind kind-${selected.kind}`}>{t(`panel.${selected.kind}`)}</span>
        <button
          type="button"
          className="btn btn-icon"
          data-testid="panel-close"
          aria-label={t('panel.close')}
          onClick={clear}
        >
          ×
        </button>
      </div>
      <div className="side-body">
        {selected.kind === 'camera' && <CameraDetails key={selected.id} id={selected.id} />}
        {selected.kind === 'alarm' && <AlarmDetails id={selected.id} />}
        {selected.kind === 'site' && <SiteDetails id={selected.id} />}
        {selected.kind === 'station' && <StationDetails id={selected.id} />}
      </div>
    </aside>
  );
}
