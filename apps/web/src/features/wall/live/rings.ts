import type { CameraStreamStatus, StreamState } from '@onpatrol/contracts';

/** Ring kinds on the map: the stream states worth showing, with a frozen picture apart. */
export type RingKind = 'live' | 'connecting' | 'stalled' | 'frozen' | 'offline';

// A camera has two streams; the ring shows the one that needs attention first.
const PRIORITY: Record<RingKind, number> = { frozen: 0, stalled: 1, offline: 2, live: 3, connecting: 4 };

function kindOf(s: CameraStreamStatus): RingKind | null {
  const state: StreamState = s.state;
  if (state === 'idle') return null;
  if (state === 'stalled') return s.reason === 'frozen' ? 'frozen' : 'stalled';
  return state;
}

/** One ring per camera with a non-idle stream, from the status store. */
export function ringKinds(byKey: Readonly<Record<string, CameraStreamStatus>>): Map<string, RingKind> {
  const out = new Map<string, RingKind>();
  for (const s of Object.values(byKey)) {
    const k = kindOf(s);
    if (!k) continue;
    const cur = out.get(s.cameraId);
    if (!cur || PRIORITY[k] < PRIORITY[cur]) out.set(s.cameraId, k);
  }
  return out;
}
