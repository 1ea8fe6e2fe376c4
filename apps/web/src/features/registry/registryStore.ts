import type { AlarmDevice, Basemap, ClientConfig, DeviceStatus, Site, Station } from '@onpatrol/contracts';
import { create } from 'zustand';
import { api } from '../../api/client';
import { alarmsFromDevices, camerasFromBulk, type PointSet, setPointStatus } from './points';

/** One status change, as the realtime layer or a benchmark delivers it. */
export interface StatusChange {
  kind: 'camera' | 'alarm_device';
  id: string;
  status: DeviceStatus;
}

interface RegistryState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: unknown;
  config: ClientConfig | null;
  basemap: Basemap | null;
  stations: Station[];
  sites: Site[];
  siteById: ReadonlyMap<string, Site>;
  stationById: ReadonlyMap<string, Station>;
  cameras: PointSet | null;
  alarms: PointSet | null;
  alarmById: ReadonlyMap<string, AlarmDevice>;
  /** Registry version the loaded devices belong to (the camera bulk's version). */
  registryVersion: string | null;
  /** Bumped whenever statuses change in place, so readers of the typed arrays re-render. */
  statusVersion: number;
  /** Milliseconds since navigation start when everything arrived (null until then). */
  receivedAt: number | null;
  load: () => Promise<void>;
  /** Refetch sites and devices only (after an import), keeping the map and basemap in place. */
  refreshDevices: () => Promise<void>;
  reset: () => void;
  applyStatusChanges: (changes: readonly StatusChange[]) => number;
  touchStatuses: () => void;
}

const empty = {
  status: 'idle' as const,
  error: null,
  config: null,
  basemap: null,
  stations: [],
  sites: [],
  siteById: new Map(),
  stationById: new Map(),
  cameras: null,
  alarms: null,
  alarmById: new Map(),
  registryVersion: null,
  statusVersion: 0,
  receivedAt: null,
};

// A reset while a load is in flight (sign-out, StrictMode's mount-unmount-mount) must discard
// that load's answer: applied late, it would replace the basemap under a map already built.
let generation = 0;

/** The registry the map draws: fetched once per sign-in, decoded into typed arrays. */
export const useRegistry = create<RegistryState>()((set, get) => ({
  ...empty,
  load: async () => {
    if (get().status === 'loading') return;
    const gen = generation;
    set({ status: 'loading', error: null });
    try {
      const [config, basemap, stations, sites, bulk, alarmPage] = await Promise.all([
        api.config(),
        api.basemap(),
        api.stations(),
        api.sites(),
        api.cameraBulk(),
        api.alarmDevices(),
      ]);
      if (gen !== generation) return;
      performance.mark('map:data-received');
      const siteById = new Map(sites.items.map((s) => [s.id, s]));
      const siteKindOf = (id: string) => siteById.get(id)?.kind;
      set({
        status: 'ready',
        config,
        basemap,
        stations,
        sites: sites.items,
        siteById,
        stationById: new Map(stations.map((s) => [s.id, s])),
        cameras: camerasFromBulk(bulk, siteKindOf),
        alarms: alarmsFromDevices(alarmPage.items, siteKindOf),
        alarmById: new Map(alarmPage.items.map((a) => [a.id, a])),
        registryVersion: bulk.version,
        receivedAt: performance.now(),
      });
    } catch (error) {
      if (gen === generation) set({ status: 'error', error });
    }
  },
  refreshDevices: async () => {
    try {
      const [sites, bulk, alarmPage] = await Promise.all([api.sites(), api.cameraBulk(), api.alarmDevices()]);
      const siteById = new Map(sites.items.map((s) => [s.id, s]));
      const siteKindOf = (id: string) => siteById.get(id)?.kind;
      set({
        sites: sites.items,
        siteById,
        cameras: camerasFromBulk(bulk, siteKindOf),
        alarms: alarmsFromDevices(alarmPage.items, siteKindOf),
        alarmById: new Map(alarmPage.items.map((a) => [a.id, a])),
        registryVersion: bulk.version,
      });
    } catch (error) {
      set({ status: 'error', error });
    }
  },
  reset: () => {
    generation += 1;
    set({ ...empty });
  },
  applyStatusChanges: (changes) => {
    const { cameras, alarms } = get();
    let changed = 0;
    for (const c of changes) {
      const target = c.kind === 'camera' ? cameras : alarms;
      if (target && setPointStatus(target, c.id, c.status)) changed++;
    }
    if (changed > 0) set((s) => ({ statusVersion: s.statusVersion + 1 }));
    return changed;
  },
  touchStatuses: () => set((s) => ({ statusVersion: s.statusVersion + 1 })),
}));
