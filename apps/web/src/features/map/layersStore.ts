import { SITE_KINDS, type SiteKind } from '@onpatrol/contracts';
import { create } from 'zustand';

/** Names of the toggles; also their data-testid suffixes (layer-toggle-<name>). */
export type LayerName = 'cameras' | 'alarms' | 'stations' | SiteKind;
export const LAYER_NAMES: readonly LayerName[] = ['cameras', 'alarms', 'stations', ...SITE_KINDS];

interface LayersState {
  visible: Record<LayerName, boolean>;
  toggle: (name: LayerName) => void;
  set: (name: LayerName, on: boolean) => void;
}

export const useLayers = create<LayersState>()((set) => ({
  visible: Object.fromEntries(LAYER_NAMES.map((n) => [n, true])) as Record<LayerName, boolean>,
  toggle: (name) => set((s) => ({ visible: { ...s.visible, [name]: !s.visible[name] } })),
  set: (name, on) => set((s) => ({ visible: { ...s.visible, [name]: on } })),
}));
