import { useEffect } from 'react';
import { isLayout, streamFor } from './grid/layout';
import { useWall } from './grid/wallStore';
import { tileState } from './live/badge';
import type { PlayerMode } from './live/playerProps';
import { probeOf } from './live/probes';
import { statusKey, useStreamStatus } from './live/streamStatus';
import { patrolLog } from './patrol/usePatrolLog';
import { useTour } from './tour/tourStore';

export interface WallTileInfo {
  index: number;
  cameraId: string | null;
  stream: 'main' | 'sub';
  /** The tile's data-state: a StreamState from the gateway, or empty/idle/connecting before it spoke. */
  state: string;
  totalVideoFrames: number;
  currentTime: number;
  latencySec: number | null;
  /** Seconds behind the newest media the player knows of (see PlayerProbe.edgeSec). */
  edgeSec: number | null;
  player: 'hls' | 'flv' | null;
}

/**
 * window.__onpatrol.wall, for browser tests and benchmarks:
 *  - tiles(): the tiles on screen (only the focused one in a single view) with decode counters
 *  - setLayout(n), put(index, cameraId|null), focus(index|null, mode)
 *  - startTour(cameraIds, dwellSec), tour(), pauseTour(), resumeTour(), skipTour(), stopTour()
 *  - patrolLog(): entries not yet accepted by the gateway, and the sessions open now
 * Performance marks: tile:assign:<i> (camera put in a tile), tile:request:<i> (player given a
 * source), tile:first-frame:<i> (first frame presented).
 */
export interface WallHooks {
  tiles: () => WallTileInfo[];
  setLayout: (n: number) => void;
  put: (index: number, cameraId: string | null) => void;
  focus: (index: number | null, mode?: PlayerMode) => void;
  startTour: (cameraIds: string[], dwellSec: number) => void;
  tour: () => { running: boolean; paused: boolean; page: number; pages: number };
  pauseTour: () => void;
  resumeTour: () => void;
  skipTour: () => void;
  stopTour: () => void;
  patrolLog: () => { pending: unknown[]; open: Record<string, unknown> };
}

function tiles(): WallTileInfo[] {
  const { layout, focus, slots } = useWall.getState();
  const byKey = useStreamStatus.getState().byKey;
  const indices = focus !== null ? [focus] : Array.from({ length: layout }, (_, i) => i);
  return indices.map((index) => {
    const cameraId = slots[index] ?? null;
    const stream = streamFor(layout, focus === index);
    const probe = probeOf(index);
    const video = probe?.video;
    return {
      index,
      cameraId,
      stream,
      state: tileState(
        cameraId ? byKey[statusKey(cameraId, stream)] : undefined,
        cameraId,
        probe !== undefined,
      ),
      totalVideoFrames: video?.getVideoPlaybackQuality().totalVideoFrames ?? 0,
      currentTime: video?.currentTime ?? 0,
      latencySec: probe?.latencySec() ?? null,
      edgeSec: probe?.edgeSec() ?? null,
      player: probe?.player ?? null,
    };
  });
}

const hooks: WallHooks = {
  tiles,
  setLayout: (n) => {
    if (!isLayout(n)) throw new Error(`layout must be 1, 4, 9, 16 or 25, not ${n}`);
    useWall.getState().setFocus(null);
    useWall.getState().setLayout(n);
  },
  put: (index, cameraId) => useWall.getState().put(index, cameraId),
  focus: (index, mode) => useWall.getState().setFocus(index, mode),
  startTour: (cameraIds, dwellSec) => useTour.getState().start({ name: 'test', cameraIds, dwellSec }),
  tour: () => {
    const s = useTour.getState();
    return { running: s.running, paused: s.paused, page: s.page, pages: s.pages };
  },
  pauseTour: () => useTour.getState().pause(),
  resumeTour: () => useTour.getState().resume(),
  skipTour: () => useTour.getState().skip(),
  stopTour: () => useTour.getState().stop(),
  patrolLog: () => ({ pending: patrolLog.pending(), open: Object.fromEntries(patrolLog.openViews()) }),
};

/** Install window.__onpatrol.wall while the wall is mounted. */
export function useWallHooks(): void {
  useEffect(() => {
    window.__onpatrol ??= {};
    window.__onpatrol.wall = hooks;
    return () => {
      if (window.__onpatrol?.wall === hooks) delete window.__onpatrol.wall;
    };
  }, []);
}
