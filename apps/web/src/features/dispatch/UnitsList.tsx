import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Elapsed } from '../../ui/Elapsed';
import { useMapFocus } from '../map/focusStore';
import { useOps } from '../ops-feed/opsStore';

/** Every street unit in scope with its live status and how fresh its position is. */
export function UnitsList() {
  const { t } = useTranslation();
  const rec = useOps((s) => s.units);
  const units = useMemo(() => Object.values(rec).sort((a, b) => a.id.localeCompare(b.id)), [rec]);
  const free = units.filter((u) => u.status === 'available').length;
  return (
    <details className="units-list" data-testid="unit-list">
      <summary className="ops-subhead">
        <span>{t('ops.units.title')}</span>
        <span className="muted">{t('ops.units.free', { free, n: units.length })}</span>
      </summary>
      <ul>
        {units.map((u) => (
          <li key={u.id} data-testid="unit-row" data-id={u.id} data-status={u.status}>
            <button
              type="button"
              className="unit-row"
              onClick={() => useMapFocus.getState().flyTo(u.lat, u.lon, 17)}
            >
              <code>{u.id}</code>
              <span className="unit-callsign">{u.callsign}</span>
              <span className={`unit-state unit-${u.status}`}>{t(`ops.unitStatus.${u.status}`)}</span>
              <Elapsed from={u.positionAt} className="muted small" />
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
