import { revealWall } from './viewStore';
import { useWall } from './wallStore';

/** While a tour cycles the tiles, pin `index` so the next page cannot take its camera away. */
function holdDuringTour(index: number): void {
  const wall = useWall.getState();
  if (wall.rotation !== null && !wall.pinned.has(index)) wall.togglePin(index);
}

/**
 * Put a camera on the wall from anywhere (panel, search, drop, alarm): into `index`, or where the
 * wall's rules choose. Returns the tile it went to.
 */
export function placeOnWall(cameraId: string, index?: number): number {
  const wall = useWall.getState();
  const at = index ?? wall.choose(cameraId);
  if (index !== undefined) wall.put(index, cameraId);
  holdDuringTour(at);
  revealWall();
  return at;
}

/** Show a tile alone (or the grid again, with null). */
export function focusTile(index: number | null): void {
  if (index !== null) holdDuringTour(index);
  useWall.getState().setFocus(index);
}
