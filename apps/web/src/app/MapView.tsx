import type { Station } from '@onpatrol/contracts';
import { useCallback, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useOpsOverlay } from '../features/dispatch/useOpsOverlay';
import { useCommandMap } from '../features/map/useCommandMap';
import { useLiveRings } from '../features/wall/live/useLiveRings';

/**
 * The map element. Leaflet owns everything inside it; React only provides the box. The element
 * carries data-points-drawn (points represented by the last canvas draw, cluster members included)
 * and data-lod (clusters | dots | fov), both written by the point layer after every draw.
 */
export function MapView() {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const en = i18n.language === 'en';
  const label = useCallback((s: Station) => (en ? s.nameEn : s.name), [en]);
  const zoomTitles = useMemo(() => ({ zoomInTitle: t('map.zoomIn'), zoomOutTitle: t('map.zoomOut') }), [t]);
  const cm = useCommandMap(ref, label, zoomTitles);
  useLiveRings(cm?.map ?? null);
  useOpsOverlay(cm?.map ?? null);
  return <div ref={ref} className="map" data-testid="map" data-points-drawn="0" />;
}
