/** Equatorial circumference of the Web Mercator sphere, metres. */
const EARTH_CIRCUMFERENCE = 40075016.686;
const DEG = Math.PI / 180;

/** Ground metres covered by one CSS pixel at a latitude and zoom (256 px tiles). */
export function metresPerPixel(lat: number, zoom: number): number {
  return (EARTH_CIRCUMFERENCE * Math.cos(lat * DEG)) / (256 * 2 ** zoom);
}

/**
 * Canvas angles (radians, clockwise from +x because screen y grows downward) of a camera's view
 * wedge. Bearings are compass degrees clockwise from north, so north maps to -π/2.
 */
export function wedgeAngles(bearing: number, fov: number): { start: number; end: number } {
  const centre = (bearing - 90) * DEG;
  const half = (Math.min(360, Math.max(0, fov)) * DEG) / 2;
  return { start: centre - half, end: centre + half };
}

/** True when the screen offset (dx, dy) from the camera lies inside its wedge of radius r px. */
export function wedgeContains(dx: number, dy: number, bearing: number, fov: number, r: number): boolean {
  if (dx * dx + dy * dy > r * r) return false;
  if (fov >= 360) return true;
  const { start } = wedgeAngles(bearing, fov);
  const a = Math.atan2(dy, dx);
  const rel = (((a - start) % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
  return rel <= fov * DEG + 1e-9;
}

/** Trace a wedge (or a full disc when fov ≥ 360) as a closed sub-path; the caller fills/strokes. */
export function traceWedge(
  ctx: Pick<CanvasRenderingContext2D, 'moveTo' | 'arc' | 'closePath'>,
  x: number,
  y: number,
  r: number,
  bearing: number,
  fov: number,
): void {
  if (fov >= 360) {
    ctx.moveTo(x + r, y);
    ctx.arc(x, y, r, 0, 2 * Math.PI);
    return;
  }
  const { start, end } = wedgeAngles(bearing, fov);
  ctx.moveTo(x, y);
  ctx.arc(x, y, r, start, end);
  ctx.closePath();
}
