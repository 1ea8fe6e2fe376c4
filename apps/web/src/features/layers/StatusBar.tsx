import { DEVICE_STATUSES } from '@onpatrol/contracts';
import { useTranslation } from 'react-i18next';
import { STATUS_COLORS } from '../map/colors';
import { useMapView } from '../map/mapViewStore';
import { useCounts } from './useCounts';

/** Bottom legend: device totals, status colours with counts, and what the map shows right now. */
export function StatusBar() {
  const { t } = useTranslation();
  const counts = useCounts();
  const zoom = useMapView((s) => s.zoom);
  const drawn = useMapView((s) => s.drawn);
  return (
    <footer className="statusbar" aria-live="off">
      <span className="legend-item" data-testid="legend-cameras" data-count={counts.cameras}>
        <span className="shape shape-camera" aria-hidden="true" />
        {t('legend.cameras', { n: counts.cameras })}
      </span>
      <span className="legend-dot-sep" aria-hidden="true">
        ·
      </span>
      <span className="legend-item" data-testid="legend-alarms" data-count={counts.alarms}>
        <span className="shape shape-alarm" aria-hidden="true" />
        {t('legend.alarms', { n: counts.alarms })}
      </span>
      <span className="statusbar-sep" aria-hidden="true" />
      {DEVICE_STATUSES.map((s, i) => (
        <span key={s} className="legend-item" data-testid={`legend-status-${s}`}>
          <span className="status-dot" style={{ background: STATUS_COLORS[i] }} aria-hidden="true" />
          {t(`status.${s}`)} {counts.cameraByStatus[i]! + counts.alarmByStatus[i]!}
        </span>
      ))}
      <span className="statusbar-sep" aria-hidden="true" />
      <span className="legend-item muted" data-testid="legend-drawn">
        {t('legend.drawn', { n: drawn })}
      </span>
      <span className="legend-item muted">{t('legend.zoom', { z: zoom.toFixed(1) })}</span>
    </footer>
  );
}
