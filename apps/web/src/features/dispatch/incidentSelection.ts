import { create } from 'zustand';

interface IncidentSelectionState {
  /** The incident opened on the dispatch board, or null. */
  selected: number | null;
  select: (id: number | null) => void;
}

export const useIncidentSelection = create<IncidentSelectionState>()((set) => ({
  selected: null,
  select: (id) => set({ selected: id }),
}));
