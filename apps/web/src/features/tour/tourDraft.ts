import { create } from 'zustand';
import { savedTours } from './savedTours';
import { clampDwell, type Tour } from './tourPaging';
import { appendUnique } from './tourSources';

interface ToursState {
  /** The tour being built in the side panel. */
  draft: Tour;
  /** Saved tours of the signed-in user. */
  saved: Tour[];
  add: (ids: readonly string[]) => void;
  removeCamera: (id: string) => void;
  clearDraft: () => void;
  setName: (name: string) => void;
  setDwell: (sec: number) => void;
  edit: (tour: Tour) => void;
  load: (user: string) => void;
  save: (user: string) => boolean;
  remove: (user: string, name: string) => void;
}

const store = savedTours();
const emptyDraft = (): Tour => ({ name: '', cameraIds: [], dwellSec: 30 });

/** Tour building and the user's saved tours (localStorage for now). */
export const useTours = create<ToursState>()((set, get) => ({
  draft: emptyDraft(),
  saved: [],
  add: (ids) => set((s) => ({ draft: { ...s.draft, cameraIds: appendUnique(s.draft.cameraIds, ids) } })),
  removeCamera: (id) =>
    set((s) => ({ draft: { ...s.draft, cameraIds: s.draft.cameraIds.filter((x) => x !== id) } })),
  clearDraft: () => set({ draft: emptyDraft() }),
  setName: (name) => set((s) => ({ draft: { ...s.draft, name } })),
  setDwell: (sec) => set((s) => ({ draft: { ...s.draft, dwellSec: sec } })),
  edit: (tour) => set({ draft: { ...tour, cameraIds: [...tour.cameraIds] } }),
  load: (user) => set({ saved: store.list(user) }),
  save: (user) => {
    const { draft } = get();
    const name = draft.name.trim();
    if (!name || draft.cameraIds.length === 0) return false;
    set({ saved: store.save(user, { ...draft, name, dwellSec: clampDwell(draft.dwellSec) }) });
    return true;
  },
  remove: (user, name) => set({ saved: store.remove(user, name) }),
}));
