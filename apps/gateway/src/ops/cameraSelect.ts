import { angleBetween, bearingDeg, distanceM } from './geo.js';

export interface CameraView {
  id: string;
  lat: number;
  lon: number;
  bearing: number;
  fov: number;
  range: number;
  status: string;
}

/** How far to look for a fallback camera when none has the point in view. */
export const FALLBACK_RADIUS_M = 150;

/**
 * Cameras that can see a point: those with the point inside their field of view and range,
 * nearest first; when there are none, the nearest cameras within the fallback radius.
 * Cameras that are not online are listed after the ones that are.
 */
export function camerasForPoint(lat: number, lon: number, cameras: CameraView[], max = 4): string[] {
  const seeing: Array<{ id: string; d: number; online: boolean }> = [];
  const near: Array<{ id: string; d: number; online: boolean }> = [];
  for (const c of cameras) {
    const d = distanceM(c.lat, c.lon, lat, lon);
    if (d > Math.max(c.range, FALLBACK_RADIUS_M)) continue;
    const online = c.status === 'online';
    // A point right under the camera is seen whatever the bearing.
    const inView =
      d < 3 || c.fov >= 360 || angleBetween(bearingDeg(c.lat, c.lon, lat, lon), c.bearing) <= c.fov / 2;
    if (inView && d <= c.range) seeing.push({ id: c.id, d, online });
    else if (d <= FALLBACK_RADIUS_M) near.push({ id: c.id, d, online });
  }
  const order = (a: { d: number; online: boolean }, b: { d: number; online: boolean }) =>
    Number(b.online) - Number(a.online) || a.d - b.d;
  const pick = seeing.length ? seeing : near;
  return pick
    .sort(order)
    .slice(0, max)
    .map((c) => c.id);
}
