import type { SavedLayout, SavedTour, TourBody, WallLayoutBody } from '@onpatrol/contracts';
import { create } from 'zustand';
import { api } from '../../../api/client';
import { browserStorage } from '../../../lib/namedList';
import { importLegacyViews } from './legacyViews';

interface SavedViewsState {
  layouts: SavedLayout[];
  tours: SavedTour[];
  /** The last failed load, save or delete of each list, shown beside it; cleared by its next success. */
  layoutError: unknown;
  tourError: unknown;
  /** A save or delete of that list is on its way: its buttons wait, so a double click sends one. */
  layoutBusy: boolean;
  tourBusy: boolean;
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
export const useSavedViews = create<SavedViewsState>()((set, get) => {
  // Every call returns the whole list of its kind; a failure is kept beside that list only.
  // A write while another write of the same list is on its way is dropped (false): the buttons
  // are disabled meanwhile, this also covers a double submit before React re-renders.
  const list =
    <T>(
      busy: 'layoutBusy' | 'tourBusy',
      loaded: (items: T[]) => Partial<SavedViewsState>,
      failed: (error: unknown) => Partial<SavedViewsState>,
    ) =>
    async (call: () => Promise<T[]>, write = false) => {
      if (write && get()[busy]) return false;
      if (write) set({ [busy]: true });
      try {
        set(loaded(await call()));
        return true;
      } catch (error) {
        set(failed(error));
        return false;
      } finally {
        if (write) set({ [busy]: false });
      }
    };
  const layouts = list<SavedLayout>(
    'layoutBusy',
    (layouts) => ({ layouts, layoutError: null }),
    (layoutError) => ({ layoutError }),
  );
  const tours = list<SavedTour>(
    'tourBusy',
    (tours) => ({ tours, tourError: null }),
    (tourError) => ({ tourError }),
  );
  return {
    layouts: [],
    tours: [],
    layoutError: null,
    tourError: null,
    layoutBusy: false,
    tourBusy: false,
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
    saveLayout: (name, body) => layouts(() => api.views.saveLayout(name, body), true),
    deleteLayout: (name) => layouts(() => api.views.deleteLayout(name), true),
    saveTour: (name, body) => tours(() => api.views.saveTour(name, body), true),
    deleteTour: (name) => tours(() => api.views.deleteTour(name), true),
  };
});
