import { create } from 'zustand';

interface AlarmSelectionState {
  /** The alarm opened in the queue (its actions and cameras shown), or null. */
  selected: number | null;
  select: (id: number | null) => void;
}

export const useAlarmSelection = create<AlarmSelectionState>()((set) => ({
  selected: null,
  select: (id) => set({ selected: id }),
}));
