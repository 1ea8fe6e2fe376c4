import { create } from 'zustand';
import { useSavedViews } from '../saved/savedViews';
import { clampDwell, type Tour } from './tourPaging';
import { appendUnique } from './tourSources';

interface ToursState {
  /** The tour being built in the side panel. */
  draft: Tour;
  add: (ids: readonly string[]) => void;
  removeCamera: (id: string) => void;
  clearDraft: () => void;
  setName: (name: string) => void;
  setDwell: (sec: number) => void;
  edit: (tour: Tour) => void;
  /** Save the draft on the gateway under its name; false (and the store's error) when refused. */
  save: () => Promise<boolean>;
}

const emptyDraft = (): Tour => ({ name: '', cameraIds: [], dwellSec: 30 });

/** The tour being built; saved tours live in `useSavedViews` (on the gateway). */
export const useTours = create<ToursState>()((set, get) => ({
  draft: emptyDraft(),
  add: (ids) => set((s) => ({ draft: { ...s.draft, cameraIds: appendUnique(s.draft.cameraIds, ids) } })),
  removeCamera: (id) =>
    set((s) => ({ draft: { ...s.draft, cameraIds: s.draft.cameraIds.filter((x) => x !== id) } })),
  clearDraft: () => set({ draft: emptyDraft() }),
  setName: (name) => set((s) => ({ draft: { ...s.draft, name } })),
  setDwell: (sec) => set((s) => ({ draft: { ...s.draft, dwellSec: sec } })),
  edit: (tour) => set({ draft: { ...tour, cameraIds: [...tour.cameraIds] } }),
  save: async () => {
    const { draft } = get();
    const name = draft.name.trim();
    if (!name || draft.cameraIds.length === 0) return false;
    return useSavedViews
      .getState()
      .saveTour(name, { cameraIds: draft.cameraIds, dwellSec: clampDwell(draft.dwellSec) });
  },
}));
