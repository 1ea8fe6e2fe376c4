import { useRef } from 'react';
import type { LiveSource } from './liveController';

/** The player of a single view: hls.js, or mpegts.js over WS-FLV for lower latency. */
export type PlayerMode = 'hls' | 'flv';

/** What a tile hands its player (hls.js or mpegts.js). */
export interface PlayerProps {
  /** Tile index: names the performance marks and the instrumentation probe. */
  index: number;
  source: LiveSource;
  /** Visible: load and play. Hidden: stop loading (the player and its buffer stay). */
  active: boolean;
  /** The URL with the latest signature (signatures are renewed while the player runs). */
  resign: (url: string) => string;
  /** A request was refused (signature expired): renew the signatures, keep playing. */
  onRenew: () => void;
  /** The player cannot continue: fetch new URLs (with backoff) and start a new player. */
  onFatal: () => void;
  /** The first frame is on screen. */
  onPlaying: () => void;
}

/** The latest props in a ref, so player effects depend on the source only, not on callback identity. */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}
