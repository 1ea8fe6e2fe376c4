/** What the point layer draws at a zoom: clusters, status dots, or field-of-view wedges plus dots. */
export type Lod = 'clusters' | 'dots' | 'fov';

/** From this zoom on, every point is drawn on its own (the district is ~11 km wide: zoom 15 ≈ 4.7 m/px). */
export const DOTS_FROM_ZOOM = 15;
/** From this zoom on, a camera's viewing range (tens of metres) is big enough on screen to draw. */
export const FOV_FROM_ZOOM = 17;
/** Deepest supercluster level that is ever asked for. */
export const CLUSTER_MAX_ZOOM = DOTS_FROM_ZOOM - 1;

/** Level of detail for a (possibly fractional, mid-animation) zoom. */
export function lodForZoom(zoom: number): Lod {
  if (zoom >= FOV_FROM_ZOOM) return 'fov';
  if (zoom >= DOTS_FROM_ZOOM) return 'dots';
  return 'clusters';
}

/** The integer cluster level to use for a fractional zoom (supercluster floors too). */
export function clusterLevelForZoom(zoom: number): number {
  return Math.max(0, Math.min(CLUSTER_MAX_ZOOM, Math.floor(zoom)));
}
