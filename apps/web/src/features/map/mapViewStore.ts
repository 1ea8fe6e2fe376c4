import { create } from 'zustand';
import type { Lod } from './lod';

/** A low-rate summary of the map view for the status bar (updated after draws settle). */
interface MapViewState {
  zoom: number;
  drawn: number;
  lod: Lod;
  set: (v: { zoom: number; drawn: number; lod: Lod }) => void;
}

export const useMapView = create<MapViewState>()((set) => ({
  zoom: 0,
  drawn: 0,
  lod: 'clusters',
  set: (v) => set(v),
}));
