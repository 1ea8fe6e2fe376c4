import { type Static, Type } from '@sinclair/typebox';
import { literals } from './literals.js';

export const STREAM_KINDS = ['main', 'sub'] as const;
/** A camera's main (full resolution, 1280×720) or sub (tile-sized, 640×360) stream. */
export type StreamKind = (typeof STREAM_KINDS)[number];

/**
 * idle: nobody watches, no process. connecting: pull started, no frame yet. live: new frames
 * arrive. stalled: frames stopped, or keep arriving but repeat one picture (reason `frozen`).
 * offline: the pull failed; retried with backoff.
 */
export const STREAM_STATES = ['idle', 'connecting', 'live', 'stalled', 'offline'] as const;
export type StreamState = (typeof STREAM_STATES)[number];

/** The honest state of one camera stream, as pushed to every viewer. */
export interface CameraStreamStatus {
  cameraId: string;
  stream: StreamKind;
  state: StreamState;
  /** When the stream entered this state (ms since the epoch; 0 = never watched). */
  sinceMs: number;
  /** stalled: when the picture last changed (ms since the epoch). */
  stalledSinceMs?: number;
  /** stalled: `no-frames` or `frozen`; offline: why the pull failed (never contains credentials). */
  reason?: string;
  /** offline: when the next attempt starts (ms since the epoch). */
  retryAtMs?: number;
}

/** Answer of `GET /api/cameras/:id/live`: signed, short-lived URLs of one stream. */
export const LiveUrls = Type.Object({
  cameraId: Type.String(),
  stream: Type.Union([Type.Literal('main'), Type.Literal('sub')]),
  state: literals(STREAM_STATES),
  /** HLS playlist (hls.js), signed for this user, camera and stream. */
  hls: Type.String(),
  /**
   * WS-FLV stream (mpegts.js low-latency mode), signed likewise: a path on the gateway that the
   * browser opens as a WebSocket (ws: or wss:, same host as the page).
   */
  wsFlv: Type.String(),
  /** When the signatures expire (ISO time); ask again before then. */
  expiresAt: Type.String(),
});
export type LiveUrls = Static<typeof LiveUrls>;
