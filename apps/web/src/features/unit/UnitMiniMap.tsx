import type { Basemap, ClientConfig, Station } from '@onpatrol/contracts';
import '../map/overlay.css';
import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { createBasemap } from '../map/basemap';

interface Base {
  basemap: Basemap;
  config: ClientConfig;
  stations: Station[];
}

// Loaded once per page: a terminal keeps the same offline basemap all shift.
let base: Promise<Base> | null = null;
const loadBase = () => {
  base ??= Promise.all([api.basemap(), api.config(), api.stations()]).then(([basemap, config, stations]) => ({
    basemap,
    config,
    stations,
  }));
  base.catch(() => {
    base = null;
  });
  return base;
};

type Point = { lat: number; lon: number } | null;

/** A small map with the order's target and the unit's own position, both kept in view. */
export function UnitMiniMap({ target, self }: { target: Point; self: Point }) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  const en = i18n.language === 'en';

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let live = true;
    let created: L.Map | null = null;
    loadBase().then(
      (b) => {
        if (!live) return;
        created = L.map(el, { zoomControl: false, attributionControl: false, preferCanvas: true });
        const { south, west, north, east } = b.basemap.bounds;
        created.fitBounds([
          [south, west],
          [north, east],
        ]);
        createBasemap(created, b.basemap, b.stations, b.config, (s) => (en ? s.nameEn : s.name));
        setMap(created);
      },
      () => undefined, // the order card carries the place in words; the map is a help, not a need
    );
    return () => {
      live = false;
      created?.remove();
      setMap(null);
    };
  }, [en]);

  // Primitive dependencies: the page re-renders on every store change, the markers only need these.
  const tLat = target?.lat;
  const tLon = target?.lon;
  const sLat = self?.lat;
  const sLon = self?.lon;
  useEffect(() => {
    if (!map) return;
    const group = L.layerGroup().addTo(map);
    const pts: L.LatLngTuple[] = [];
    const mark = (lat: number, lon: number, className: string, html: string, size: number, title: string) => {
      L.marker([lat, lon], { icon: L.divIcon({ className, html, iconSize: [size, size] }), title }).addTo(
        group,
      );
      pts.push([lat, lon]);
    };
    if (tLat !== undefined && tLon !== undefined)
      mark(tLat, tLon, 'ops-mk ops-target', '<span class="mk-diamond"></span>', 24, t('ops.unit.target'));
    if (sLat !== undefined && sLon !== undefined)
      mark(sLat, sLon, 'ops-mk ops-self', '<span class="mk-unit"></span>', 18, t('ops.unit.me'));
    if (pts.length === 2) map.fitBounds(L.latLngBounds(pts), { padding: [28, 28], maxZoom: 17 });
    else if (pts[0]) map.setView(pts[0], 16);
    return () => {
      group.remove();
    };
  }, [map, tLat, tLon, sLat, sLon, t]);

  return <div ref={ref} className="unit-map" data-testid="unit-map" />;
}
