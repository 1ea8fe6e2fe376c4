import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a live URL stays valid; the client calls the live route again to refresh it. */
export const URL_TTL_SECONDS = 300;

function mac(secret: Buffer, username: string, cameraId: string, stream: string, exp: number): Buffer {
  return createHmac('sha256', secret).update(`${username}|${cameraId}|${stream}|${exp}`).digest();
}

/** `exp=…&sig=…` for this user and stream, valid for URL_TTL_SECONDS from nowMs. */
export function signStream(
  secret: Buffer,
  username: string,
  cameraId: string,
  stream: string,
  nowMs: number,
): { query: string; exp: number } {
  const exp = Math.floor(nowMs / 1000) + URL_TTL_SECONDS;
  const sig = mac(secret, username, cameraId, stream, exp).toString('base64url');
  return { query: `exp=${exp}&sig=${sig}`, exp };
}

/** Whether exp/sig were issued to this user for this stream and have not expired. */
export function verifyStream(
  secret: Buffer,
  username: string,
  cameraId: string,
  stream: string,
  exp: string | undefined,
  sig: string | undefined,
  nowMs: number,
): boolean {
  if (!exp || !sig || !/^[0-9]{1,12}$/.test(exp) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return false;
  const expires = Number(exp);
  if (expires * 1000 < nowMs) return false;
  const given = Buffer.from(sig, 'base64url');
  const wanted = mac(secret, username, cameraId, stream, expires);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/**
 * hls.js fetches segments relative to the playlist, without its query: give every URI line
 * the playlist's own `exp&sig` so segment requests are signed too.
 */
export function signPlaylist(text: string, query: string): string {
  return text
    .split('\n')
    .map((line) => {
      const t = line.trim();
      return t === '' || t.startsWith('#') ? line : `${t}${t.includes('?') ? '&' : '?'}${query}`;
    })
    .join('\n');
}
