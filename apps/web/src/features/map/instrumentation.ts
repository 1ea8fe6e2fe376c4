import type L from 'leaflet';
import type { PointSet } from '../registry/points';
import type { DrawStats, PointCanvasLayer } from './pointLayer';

/**
 * Hooks for browser tests and the map benchmark (window.__onpatrol, typed in app/testHooks.ts):
 *  - map: the Leaflet map (setView/flyTo/getZoom from a test)
 *  - counts(): cameras and alarms loaded, points represented by the last draw (cluster members included)
 *  - timings: performance.now() stamps of data arrival and first full paint, and the last draw's stats
 *  - restyleRandom(n): change n random cameras' status in place and redraw synchronously; returns ms
 * Performance marks: 'map:data-received' (registry store) and 'map:first-paint' (here).
 */
export interface OnPatrolHooks {
  map: L.Map;
  counts: () => { cameras: number; alarms: number; drawnPoints: number };
  timings: {
    dataReceived: number | null;
    firstPaint: number | null;
    lastDraw: DrawStats | null;
    draws: number;
  };
  restyleRandom: (n: number) => number;
}

interface Sources {
  map: L.Map;
  layer: PointCanvasLayer;
  points: () => { cameras: PointSet | null; alarms: PointSet | null; receivedAt: number | null };
  /** Tell the UI (legend counts) that statuses changed, after the timed part. */
  statusesChanged: () => void;
}

/** Install window.__onpatrol; returns the per-draw callback and an uninstall function. */
export function installHooks(src: Sources): { onDraw: (s: DrawStats) => void; uninstall: () => void } {
  const timings: OnPatrolHooks['timings'] = {
    dataReceived: null,
    firstPaint: null,
    lastDraw: null,
    draws: 0,
  };
  const hooks: OnPatrolHooks = {
    map: src.map,
    timings,
    counts: () => {
      const { cameras, alarms } = src.points();
      return {
        cameras: cameras?.count ?? 0,
        alarms: alarms?.count ?? 0,
        drawnPoints: timings.lastDraw?.drawn ?? 0,
      };
    },
    restyleRandom: (n) => {
      const { cameras } = src.points();
      if (!cameras || cameras.count === 0) return 0;
      const t0 = performance.now();
      for (let k = 0; k < n; k++) {
        const i = Math.floor(Math.random() * cameras.count);
        cameras.status[i] = (cameras.status[i]! + 1 + Math.floor(Math.random() * 3)) % 4;
      }
      src.layer.drawNow();
      const ms = performance.now() - t0;
      src.statusesChanged();
      return ms;
    },
  };
  // Other features (the wall) keep their hooks on the same object: add ours rather than replace it.
  window.__onpatrol ??= {};
  const root = window.__onpatrol;
  Object.assign(root, hooks);
  const onDraw = (s: DrawStats) => {
    timings.lastDraw = s;
    timings.draws++;
    const { cameras, alarms, receivedAt } = src.points();
    timings.dataReceived = receivedAt;
    if (timings.firstPaint === null && cameras && alarms && s.loaded === cameras.count + alarms.count) {
      performance.mark('map:first-paint');
      timings.firstPaint = performance.now();
    }
  };
  return {
    onDraw,
    uninstall: () => {
      if (root.map !== hooks.map) return;
      delete root.map;
      delete root.counts;
      delete root.timings;
      delete root.restyleRandom;
    },
  };
}
