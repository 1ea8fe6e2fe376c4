import type { CameraStreamStatus, StreamKind } from '@onpatrol/contracts';
import { create } from 'zustand';

/** Key of one camera stream in the status store. */
export const statusKey = (cameraId: string, stream: StreamKind): string => `${cameraId}_${stream}`;

interface StreamStatusState {
  byKey: Readonly<Record<string, CameraStreamStatus>>;
  /** `camera:statuses` on (re)connect: the full set of non-idle streams, replacing what we had. */
  replaceAll: (all: readonly CameraStreamStatus[]) => void;
  /** `camera:status`: one stream changed. */
  update: (s: CameraStreamStatus) => void;
  reset: () => void;
}

/**
 * The honest state of every watched stream, as the gateway pushes it. Written by the realtime
 * layer outside React; each tile selects its own key, so an update re-renders one tile only.
 */
export const useStreamStatus = create<StreamStatusState>()((set) => ({
  byKey: {},
  replaceAll: (all) =>
    set({ byKey: Object.fromEntries(all.map((s) => [statusKey(s.cameraId, s.stream), s])) }),
  update: (s) => set((st) => ({ byKey: { ...st.byKey, [statusKey(s.cameraId, s.stream)]: s } })),
  reset: () => set({ byKey: {} }),
}));
