import type { NamedOpsEvent, OpsSnapshot, UnitOrder } from '@onpatrol/contracts';
import { create } from 'zustand';
import {
  applyEvent,
  applyPosition,
  backfillUnitOrder,
  emptyOps,
  fromSnapshot,
  type LivePosition,
  type OpsData,
} from './opsState';

/** How the operational feed is doing, for the "connection" badge and error messages. */
export interface OpsLink {
  connected: boolean;
  /** A catch-up is in flight: what is shown may be behind. */
  syncing: boolean;
  /** Why the last catch-up failed (retried with backoff), or null. */
  syncError: string | null;
}

interface OpsState extends OpsData, OpsLink {
  replace: (s: OpsSnapshot) => void;
  apply: (e: NamedOpsEvent) => void;
  /** Apply several events in one store update (one `ops:batch`). */
  applyMany: (events: readonly NamedOpsEvent[]) => void;
  position: (p: LivePosition) => void;
  /** A unit's own orders and their incidents, loaded over REST (fresher records held are kept). */
  backfillOrders: (own: readonly UnitOrder[]) => void;
  setLink: (patch: Partial<OpsLink> & { lastSeq?: number | null }) => void;
  reset: () => void;
}

const idle: OpsLink = { connected: false, syncing: false, syncError: null };

/**
 * Alarms, incidents, units and orders in this user's scope. Written only by the realtime layer
 * (through OpsSequencer, so each event lands once and in order); components read it with selectors.
 */
export const useOps = create<OpsState>()((set) => ({
  ...emptyOps,
  ...idle,
  replace: (s) => set(fromSnapshot(s)),
  apply: (e) => set((s) => applyEvent(s, e)),
  applyMany: (events) => set((s) => events.reduce(applyEvent, s)),
  position: (p) => set((s) => applyPosition(s, p)),
  backfillOrders: (own) => set((s) => own.reduce(backfillUnitOrder, s)),
  setLink: (patch) => set(patch),
  reset: () => set({ ...emptyOps, ...idle }),
}));
