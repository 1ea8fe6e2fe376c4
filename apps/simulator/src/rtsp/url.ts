import { PROFILES, type Profile } from '../encoder.js';

/** What an RTSP URL of the simulator names: `rtsp://host:port/<20-digit id>/<main|sub>[/trackID=0]`. */
export interface StreamPath {
  cameraId: string;
  profile: Profile;
  /** The aggregate URL as the client spelled its host, without a trailing slash. */
  base: string;
  /** The URL named the track rather than the aggregate. */
  track: boolean;
}

export const TRACK = 'trackID=0';

/** Parse a request URL; null when it is not one of the simulator's stream URLs. */
export function parseStreamUrl(raw: string): StreamPath | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'rtsp:') return null;
  const parts = url.pathname.split('/').filter((p) => p !== '');
  const [cameraId, profile, track, ...rest] = parts;
  if (!cameraId || !/^\d{20}$/.test(cameraId) || rest.length > 0) return null;
  if (!(PROFILES as readonly string[]).includes(profile ?? '')) return null;
  if (track !== undefined && track !== TRACK) return null;
  return {
    cameraId,
    profile: profile as Profile,
    base: `rtsp://${url.host}/${cameraId}/${profile}`,
    track: track !== undefined,
  };
}
