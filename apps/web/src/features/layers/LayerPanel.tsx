import { SITE_KINDS } from '@onpatrol/contracts';
import { useTranslation } from 'react-i18next';
import { type LayerName, useLayers } from '../map/layersStore';
import { useCounts } from './useCounts';

function Toggle({
  name,
  label,
  count,
  swatch,
}: {
  name: LayerName;
  label: string;
  count?: number;
  swatch?: string;
}) {
  const on = useLayers((s) => s.visible[name]);
  const toggle = useLayers((s) => s.toggle);
  return (
    <button
      type="button"
      role="switch"
      aria-checked={on}
      className={`layer-toggle ${on ? 'is-on' : ''}`}
      data-testid={`layer-toggle-${name}`}
      onClick={() => toggle(name)}
    >
      <span className="toggle-box" aria-hidden="true" />
      {swatch && <span className={`swatch ${swatch}`} aria-hidden="true" />}
      <span className="layer-label">{label}</span>
      {count !== undefined && <span className="layer-count">{count}</span>}
    </button>
  );
}

/** Layer switches: device layers, station jurisdictions, and a filter by the kind of site a device belongs to. */
export function LayerPanel() {
  const { t } = useTranslation();
  const counts = useCounts();
  return (
    <section className="panel layer-panel" aria-label={t('layers.title')}>
      <h3 className="panel-title">{t('layers.title')}</h3>
      <Toggle name="cameras" label={t('layers.cameras')} count={counts.cameras} swatch="swatch-camera" />
      <Toggle name="alarms" label={t('layers.alarms')} count={counts.alarms} swatch="swatch-alarm" />
      <Toggle name="stations" label={t('layers.stations')} swatch="swatch-station" />
      <h4 className="panel-subtitle">{t('layers.siteKinds')}</h4>
      {SITE_KINDS.map((k) => (
        <Toggle key={k} name={k} label={t(`siteKind.${k}`)} count={counts.sitesByKind[k]} />
      ))}
    </section>
  );
}
