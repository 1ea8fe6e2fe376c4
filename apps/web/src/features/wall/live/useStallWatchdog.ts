import type { StreamKind } from '@onpatrol/contracts';
import { useEffect } from 'react';
import { probeOf } from './probes';
import { statusKey, useStreamStatus } from './streamStatus';

const CHECK_MS = 2000;
/** No new decoded frame for this long → start over with fresh URLs and a new player. */
export const STUCK_MS = 6000;
const FIRST_FRAME_MS = 15_000;

/**
 * A tile that shows no new frames starts over by itself: after the gateway restarted a pull
 * (killed ffmpeg, camera back online) the old player can sit on a playlist that will never
 * continue, and a stream released while the camera was offline must be asked for again.
 */
export function useStallWatchdog(
  index: number,
  cameraId: string,
  stream: StreamKind,
  active: boolean,
  reload: () => void,
): void {
  useEffect(() => {
    if (!active) return;
    let lastFrames = -1;
    let lastChange = Date.now();
    const timer = setInterval(() => {
      const video = probeOf(index)?.video;
      const frames = video ? video.getVideoPlaybackQuality().totalVideoFrames : 0;
      const now = Date.now();
      if (frames !== lastFrames) {
        lastFrames = frames;
        lastChange = now;
        return;
      }
      const state = useStreamStatus.getState().byKey[statusKey(cameraId, stream)]?.state;
      // Frozen or stalled sources are shown as such; restarting the player would not help them.
      if (state === 'stalled') return;
      // A stream that has not shown its first frame yet may still be starting (cold pull).
      if (now - lastChange >= (frames === 0 ? FIRST_FRAME_MS : STUCK_MS)) {
        lastChange = now;
        reload();
      }
    }, CHECK_MS);
    return () => clearInterval(timer);
  }, [index, cameraId, stream, active, reload]);
}
