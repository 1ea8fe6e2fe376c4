import type { Station } from '@onpatrol/contracts';
import L from 'leaflet';
import { type RefObject, useEffect, useState } from 'react';
import { useAuth } from '../auth/authStore';
import { mercatorX, mercatorY, siteKindMask } from '../registry/points';
import { useRegistry } from '../registry/registryStore';
import { type BasemapLayers, createBasemap } from './basemap';
import type { Highlight } from './drawPoints';
import { installHooks } from './instrumentation';
import { useLayers } from './layersStore';
import { useMapView } from './mapViewStore';
import { PointCanvasLayer } from './pointLayer';
import { type Target, useSelection } from './selectionStore';

const ringBounds = (ring: ReadonlyArray<readonly [number, number]>) =>
  L.latLngBounds(ring.map(([lon, lat]) => L.latLng(lat, lon)));

export interface CommandMap {
  map: L.Map;
  layer: PointCanvasLayer;
  basemap: BasemapLayers;
}

/**
 * Create the Leaflet map, the offline basemap and the point canvas once the registry is loaded,
 * and tear them down on unmount. The initial view is the user's jurisdiction (whole district for
 * branch-level roles).
 */
export function useCommandMap(
  ref: RefObject<HTMLDivElement | null>,
  label: (s: Station) => string,
  zoomTitles: { zoomInTitle: string; zoomOutTitle: string },
): CommandMap | null {
  const [cm, setCm] = useState<CommandMap | null>(null);
  const basemapData = useRegistry((s) => s.basemap);
  const stations = useRegistry((s) => s.stations);
  const config = useRegistry((s) => s.config);

  useEffect(() => {
    const el = ref.current;
    if (!el || !basemapData || !config) return;
    const { south, west, north, east } = basemapData.bounds;
    const district = L.latLngBounds([south, west], [north, east]);
    const map = L.map(el, {
      preferCanvas: true,
      zoomControl: false,
      attributionControl: true,
      minZoom: 10,
      maxZoom: 19,
      zoomSnap: 0.25,
      maxBounds: district.pad(1.5),
      maxBoundsViscosity: 0.8,
    });
    map.attributionControl.setPrefix(false);
    L.control.zoom({ position: 'bottomright', ...zoomTitles }).addTo(map);
    L.control.scale({ position: 'bottomleft', imperial: false }).addTo(map);
    const own = stations.find((s) => s.id === useAuth.getState().me?.stationId);
    map.fitBounds(own && own.polygon.length > 2 ? ringBounds(own.polygon) : district, {
      // keep the district clear of the floating search/layer panel and the legend
      paddingTopLeft: [330, 24],
      paddingBottomRight: [24, 64],
    });
    const basemap = createBasemap(map, basemapData, stations, config, label);
    const layer = new PointCanvasLayer();
    const registry = useRegistry.getState;
    const hooks = installHooks({
      map,
      layer,
      points: () => registry(),
      statusesChanged: () => registry().touchStatuses(),
    });
    let settle = 0;
    layer.onDraw = (stats) => {
      hooks.onDraw(stats);
      el.dataset.pointsDrawn = String(stats.drawn);
      el.dataset.lod = stats.lod;
      clearTimeout(settle);
      settle = window.setTimeout(
        () => useMapView.getState().set({ zoom: map.getZoom(), drawn: stats.drawn, lod: stats.lod }),
        120,
      );
    };
    layer.onPick = (pick) => {
      if (pick.type === 'cluster') {
        map.flyTo([pick.lat, pick.lon], Math.min(pick.zoom, map.getMaxZoom()), { duration: 0.6 });
        return;
      }
      const set = pick.layer === 'camera' ? registry().cameras : registry().alarms;
      const id = set?.ids[pick.index];
      if (id) useSelection.getState().select({ kind: pick.layer, id });
    };
    // The split view resizes the map without a window resize, and the wall view hides it
    // (size 0): tell Leaflet whenever its box changes so it redraws at the right size.
    const resize = new ResizeObserver(() => {
      if (el.clientWidth > 0 && el.clientHeight > 0) map.invalidateSize({ animate: false });
    });
    resize.observe(el);
    setCm({ map, layer, basemap });
    return () => {
      resize.disconnect();
      clearTimeout(settle);
      hooks.uninstall();
      basemap.remove();
      map.remove();
      setCm(null);
    };
  }, [ref, basemapData, stations, config]);

  // Language switch: relabel the stations and the zoom buttons in place rather than rebuild the map.
  useEffect(() => {
    if (!cm) return;
    cm.basemap.setStationLabels(label);
    const container = cm.map.getContainer();
    const zoomIn = container.querySelector<HTMLElement>('.leaflet-control-zoom-in');
    const zoomOut = container.querySelector<HTMLElement>('.leaflet-control-zoom-out');
    for (const [el, title] of [
      [zoomIn, zoomTitles.zoomInTitle],
      [zoomOut, zoomTitles.zoomOutTitle],
    ] as const) {
      if (!el) continue;
      el.title = title;
      el.setAttribute('aria-label', title);
    }
  }, [cm, label, zoomTitles]);

  usePointLayerSync(cm);
  useFlyToSelection(cm);
  return cm;
}

/** Where a target is, for the selection ring (devices and sites; stations are outlined instead). */
function highlightOf(t: Target | null): Highlight | null {
  if (!t) return null;
  const r = useRegistry.getState();
  if (t.kind === 'camera' || t.kind === 'alarm') {
    const set = t.kind === 'camera' ? r.cameras : r.alarms;
    const i = set?.indexOf.get(t.id);
    return set && i !== undefined ? { wx: set.wx[i]!, wy: set.wy[i]!, tone: 'device' } : null;
  }
  if (t.kind === 'site') {
    const site = r.siteById.get(t.id);
    return site ? { wx: mercatorX(site.lon), wy: mercatorY(site.lat), tone: 'site' } : null;
  }
  return null;
}

/** Feed data, layer toggles, selection and status changes to the canvas and basemap (no React re-render of the map). */
function usePointLayerSync(cm: CommandMap | null): void {
  const cameras = useRegistry((s) => s.cameras);
  const alarms = useRegistry((s) => s.alarms);
  const statusVersion = useRegistry((s) => s.statusVersion);
  const visible = useLayers((s) => s.visible);
  const selected = useSelection((s) => s.selected);

  useEffect(() => {
    if (!cm) return;
    cm.layer.update({
      cameras,
      alarms,
      showCameras: visible.cameras,
      showAlarms: visible.alarms,
      siteKindMask: siteKindMask(visible),
      highlight: highlightOf(selected),
    });
    if (!cm.map.hasLayer(cm.layer)) cm.layer.addTo(cm.map);
  }, [cm, cameras, alarms, visible, selected, statusVersion]);

  useEffect(() => {
    if (!cm) return;
    if (visible.stations) cm.basemap.stations.addTo(cm.map);
    else cm.basemap.stations.remove();
  }, [cm, visible.stations]);

  useEffect(() => {
    cm?.basemap.highlightStation(selected?.kind === 'station' ? selected.id : null);
  }, [cm, selected]);
}

/** Fly to the selection when a search chose it: zoom 18 for devices, 16 for sites, the outline for stations. */
function useFlyToSelection(cm: CommandMap | null): void {
  const flySeq = useSelection((s) => s.flySeq);
  useEffect(() => {
    const t = useSelection.getState().selected;
    if (!cm || !t || flySeq === 0) return;
    const r = useRegistry.getState();
    if (t.kind === 'camera' || t.kind === 'alarm') {
      const set = t.kind === 'camera' ? r.cameras : r.alarms;
      const i = set?.indexOf.get(t.id);
      if (set && i !== undefined) cm.map.flyTo([set.lat[i]!, set.lon[i]!], 18, { duration: 1.2 });
    } else if (t.kind === 'site') {
      const site = r.siteById.get(t.id);
      if (site) cm.map.flyTo([site.lat, site.lon], 16, { duration: 1.2 });
    } else {
      const station = r.stationById.get(t.id);
      if (station) cm.map.flyToBounds(ringBounds(station.polygon), { padding: [40, 40], duration: 1.2 });
    }
  }, [cm, flySeq]);
}
