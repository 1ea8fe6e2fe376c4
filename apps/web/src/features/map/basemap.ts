import type { Basemap, ClientConfig, LonLat, Station, Street } from '@onpatrol/contracts';
import L from 'leaflet';
import { STATION_COLORS } from './colors';

const toLatLng = (p: LonLat): L.LatLngTuple => [p[1], p[0]];

/** Line width (px) of each street kind at zoom 13; widths grow with zoom so roads read as roads. */
const STREET_STYLE: Record<Street['kind'], { color: string; weight: number; dashArray?: string }> = {
  arterial: { color: '#3c5274', weight: 3.2 },
  street: { color: '#2f405b', weight: 1.8 },
  lane: { color: '#26344a', weight: 0.9 },
  rural: { color: '#2c3a4f', weight: 1.2, dashArray: '4 4' },
};
const RIVER_WEIGHT = 7;
const LABEL_PANE = 'onpatrol-station-labels';

function zoomFactor(zoom: number): number {
  return Math.min(6, 2 ** ((zoom - 13) * 0.55));
}

export interface BasemapLayers {
  /** Everything except the station jurisdictions. */
  base: L.LayerGroup;
  stations: L.LayerGroup;
  /** Re-label the stations (language switch). */
  setStationLabels: (label: (s: Station) => string) => void;
  /** Emphasise one station's outline (or none). */
  highlightStation: (id: string | null) => void;
  remove: () => void;
}

/**
 * The offline basemap: district outline, river and streets from /api/basemap, plus one outlined
 * jurisdiction per station. Drawn as Leaflet vectors on the map's shared canvas renderer
 * (preferCanvas), non-interactive so clicks reach the point layer. With an intranet tile server
 * configured, tiles go underneath and the district fill turns transparent.
 */
export function createBasemap(
  map: L.Map,
  basemap: Basemap,
  stations: readonly Station[],
  config: ClientConfig,
  label: (s: Station) => string,
): BasemapLayers {
  const tiles = config.tileUrl
    ? L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 19 }).addTo(map)
    : null;
  const offline = tiles === null;
  const base = L.layerGroup();
  const common = { interactive: false } as const;
  L.polygon(basemap.outline.map(toLatLng), {
    ...common,
    color: '#3b82f6',
    weight: 8,
    opacity: 0.12,
    fillColor: '#0f1a2c',
    fillOpacity: offline ? 1 : 0,
  }).addTo(base);
  const river = L.polyline(basemap.river.map(toLatLng), {
    ...common,
    color: '#1d4f7a',
    weight: RIVER_WEIGHT,
    opacity: 0.95,
    lineCap: 'round',
  }).addTo(base);
  const streets = basemap.streets.map((s) =>
    L.polyline(s.path.map(toLatLng), {
      ...common,
      ...STREET_STYLE[s.kind],
      lineCap: 'round',
      lineJoin: 'round',
    }).addTo(base),
  );
  L.polygon(basemap.outline.map(toLatLng), {
    ...common,
    color: '#4f8fe8',
    weight: 1.6,
    opacity: 0.85,
    fill: false,
  }).addTo(base);

  // Station names sit under the point canvas (z 450), so they never hide a cluster's count.
  const labelPane = map.getPane(LABEL_PANE) ?? map.createPane(LABEL_PANE);
  labelPane.style.zIndex = '440';
  labelPane.style.pointerEvents = 'none';
  const stationGroup = L.layerGroup();
  const outlines = new Map<string, L.Polygon>();
  for (const s of stations) {
    const color = STATION_COLORS[(Math.max(1, s.no) - 1) % STATION_COLORS.length] ?? '#60a5fa';
    const poly = L.polygon(s.polygon.map(toLatLng), {
      ...common,
      color,
      weight: 1.4,
      opacity: 0.7,
      dashArray: '6 5',
      fillColor: color,
      fillOpacity: 0.045,
    });
    poly.bindTooltip(label(s), {
      permanent: true,
      direction: 'center',
      className: 'station-label',
      interactive: false,
      pane: LABEL_PANE,
    });
    poly.addTo(stationGroup);
    outlines.set(s.id, poly);
  }

  const restyle = () => {
    const f = zoomFactor(map.getZoom());
    river.setStyle({ weight: RIVER_WEIGHT * f });
    basemap.streets.forEach((s, i) => {
      streets[i]?.setStyle({ weight: STREET_STYLE[s.kind].weight * f });
    });
  };
  map.on('zoomend', restyle);
  restyle();
  base.addTo(map);
  stationGroup.addTo(map);

  return {
    base,
    stations: stationGroup,
    setStationLabels: (next) => {
      for (const s of stations) outlines.get(s.id)?.setTooltipContent(next(s));
    },
    highlightStation: (id) => {
      for (const [sid, poly] of outlines) {
        poly.setStyle(
          sid === id
            ? { weight: 3, opacity: 1, dashArray: '', fillOpacity: 0.1 }
            : { weight: 1.4, opacity: 0.7, dashArray: '6 5', fillOpacity: 0.045 },
        );
      }
    },
    remove: () => {
      map.off('zoomend', restyle);
      base.remove();
      stationGroup.remove();
      tiles?.remove();
    },
  };
}
