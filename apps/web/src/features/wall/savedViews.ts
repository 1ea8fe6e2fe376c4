import type { SavedLayout, SavedTour, TourBody, WallLayoutBody } from '@onpatrol/contracts';
import { create } from 'zustand';
import { api } from '../../api/client';
import { importLegacyViews } from './legacyViews';
import { browserStorage } from './namedList';

interface SavedViewsState {
  layouts: SavedLayout[];
  tours: SavedTour[];
  /** The last failure of a load, save or delete, for the UI to show; cleared by the next success. */
  error: unknown;
  /** Fetch both lists (first moving what an earlier version kept in this browser). */
  load: (user: string) => Promise<void>;
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
  const run = async <T>(call: () => Promise<T>, apply: (result: T) => Partial<SavedViewsState>) => {
    try {
      const result = await call();
      set({ ...apply(result), error: null });
      return true;
    } catch (error) {
      set({ error });
      return false;
    }
  };
  return {
    layouts: [],
    tours: [],
    error: null,
    load: async (user) => {
      let once = imported.get(user);
      if (!once) {
        once = importLegacyViews(user, browserStorage(), api.views).catch(() => 0);
        imported.set(user, once);
      }
      await once;
      await run(
        () => Promise.all([api.views.layouts(), api.views.tours()]),
        ([layouts, tours]) => ({ layouts, tours }),
      );
    },
    saveLayout: (name, body) =>
      run(
        () => api.views.saveLayout(name, body),
        (layouts) => ({ layouts }),
      ),
    deleteLayout: (name) =>
      run(
        () => api.views.deleteLayout(name),
        (layouts) => ({ layouts }),
      ),
    saveTour: (name, body) =>
      run(
        () => api.views.saveTour(name, body),
        (tours) => ({ tours }),
      ),
    deleteTour: (name) =>
      run(
        () => api.views.deleteTour(name),
        (tours) => ({ tours }),
      ),
  };
});
