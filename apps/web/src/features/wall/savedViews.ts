import type { SavedLayout, SavedTour, TourBody, WallLayoutBody } from '@onpatrol/contracts';
import { create } from 'zustand';
import { api } from '../../api/client';
import { importLegacyViews } from './legacyViews';
import { browserStorage } from './namedList';

interface SavedViewsState {
  layouts: SavedLayout[];
  tours: SavedTour[];
  /** The last failed load, save or delete of each list, shown beside it; cleared by its next success. */
  layoutError: unknown;
  tourError: unknown;
  /** Fetch one list (first moving what an earlier version kept in this browser, once per user). */
  load: (user: string, kind: 'layouts' | 'tours') => Promise<void>;
  saveLayout: (name: string, body: WallLayoutBody) => Promise<boolean>;
  deleteLayout: (name: string) => Promise<boolean>;
  saveTour: (name: string, body: TourBody) => Promise<boolean>;
  deleteTour: (name: string) => Promise<boolean>;
}

const imported = new Map<string, Promise<unknown>>();

/**
 * The signed-in officer's named wall layouts and patrol tours, kept by the gateway per user so
 * they follow the officer to any workstation. Every change returns the whole list.
 */
export const useSavedViews = create<SavedViewsState>()((set) => {
  // Every call returns the whole list of its kind; a failure is kept beside that list only.
  const layouts = async (call: () => Promise<SavedLayout[]>) => {
    try {
      set({ layouts: await call(), layoutError: null });
      return true;
    } catch (layoutError) {
      set({ layoutError });
      return false;
    }
  };
  const tours = async (call: () => Promise<SavedTour[]>) => {
    try {
      set({ tours: await call(), tourError: null });
      return true;
    } catch (tourError) {
      set({ tourError });
      return false;
    }
  };
  return {
    layouts: [],
    tours: [],
    layoutError: null,
    tourError: null,
    load: async (user, kind) => {
      let once = imported.get(user);
      if (!once) {
        once = importLegacyViews(user, browserStorage(), api.views).catch(() => 0);
        imported.set(user, once);
      }
      await once;
      if (kind === 'layouts') await layouts(api.views.layouts);
      else await tours(api.views.tours);
    },
    saveLayout: (name, body) => layouts(() => api.views.saveLayout(name, body)),
    deleteLayout: (name) => layouts(() => api.views.deleteLayout(name)),
    saveTour: (name, body) => tours(() => api.views.saveTour(name, body)),
    deleteTour: (name) => tours(() => api.views.deleteTour(name)),
  };
});
