import { useEffect, useState } from 'react';
import { sendCommand } from '../ops-feed/commands';

export type ShareState = 'unsupported' | 'waiting' | 'sharing' | 'denied';

const MIN_INTERVAL_MS = 10_000;
const MIN_MOVE_DEG = 0.0002; // ~20 m: below that, a fix is noise, not movement

/**
 * Share the terminal's position as `unit:position` while the page is open, from the browser's
 * geolocation when it has one (none otherwise: the unit stays where the command centre last saw it).
 * Fixes are thinned to one per 10 s unless the unit moved.
 */
export function usePositionShare(enabled: boolean): ShareState {
  const [state, setState] = useState<ShareState>(() =>
    typeof navigator !== 'undefined' && 'geolocation' in navigator ? 'waiting' : 'unsupported',
  );
  useEffect(() => {
    if (!enabled || !('geolocation' in navigator)) return;
    let last: { lat: number; lon: number; at: number } | null = null;
    const watch = navigator.geolocation.watchPosition(
      (p) => {
        const lat = p.coords.latitude;
        const lon = p.coords.longitude;
        const now = Date.now();
        const moved = !last || Math.abs(lat - last.lat) + Math.abs(lon - last.lon) > MIN_MOVE_DEG;
        if (last && !moved && now - last.at < MIN_INTERVAL_MS) return;
        last = { lat, lon, at: now };
        setState('sharing');
        // A lost fix is replaced by the next one: failures need no message of their own.
        sendCommand('unit:position', { lat, lon }).catch(() => undefined);
      },
      () => setState('denied'),
      { enableHighAccuracy: true, maximumAge: 5000, timeout: 30_000 },
    );
    return () => navigator.geolocation.clearWatch(watch);
  }, [enabled]);
  return state;
}
