import { create } from 'zustand';

export type TargetKind = 'camera' | 'alarm' | 'site' | 'station';

/** What the side panel shows and the map rings. */
export interface Target {
  kind: TargetKind;
  id: string;
}

interface SelectionState {
  selected: Target | null;
  /** Bumped when the map should fly to the selection (search), not when the user clicked on the map. */
  flySeq: number;
  select: (target: Target, fly?: boolean) => void;
  clear: () => void;
}

export const useSelection = create<SelectionState>()((set) => ({
  selected: null,
  flySeq: 0,
  select: (target, fly = false) => set((s) => ({ selected: target, flySeq: fly ? s.flySeq + 1 : s.flySeq })),
  clear: () => set({ selected: null }),
}));
