import { generateDistrict } from '@onpatrol/district';
import type { CameraLookup } from './rtsp/methods.js';

/** Lookup over the cameras of the generated reference district (the same registry the gateway serves). */
export function districtLookup(
  opts: { seed?: string; rtspHost?: string; rtspPort?: number } = {},
): CameraLookup {
  const byId = new Map(generateDistrict(opts).cameras.map((c) => [c.id, { id: c.id, name: c.name }]));
  return (id) => byId.get(id);
}

/** Lookup over a fixed list of cameras (tests, demos). */
export function listLookup(cameras: { id: string; name: string }[]): CameraLookup {
  const byId = new Map(cameras.map((c) => [c.id, { id: c.id, name: c.name }]));
  return (id) => byId.get(id);
}
