import { create } from 'zustand';

/** A place the map should fly to (an alarm, an incident, a unit), asked for from a list. */
export interface MapFocus {
  lat: number;
  lon: number;
  zoom: number;
  /** Bumped on every request, so asking for the same place twice flies again. */
  seq: number;
}

interface FocusState {
  focus: MapFocus | null;
  flyTo: (lat: number, lon: number, zoom?: number) => void;
}

export const useMapFocus = create<FocusState>()((set) => ({
  focus: null,
  flyTo: (lat, lon, zoom = 17) => set((s) => ({ focus: { lat, lon, zoom, seq: (s.focus?.seq ?? 0) + 1 } })),
}));
