import type { CameraStreamStatus, Role, StreamKind } from '@onpatrol/contracts';
import type { FastifyBaseLogger } from 'fastify';

// The status shapes are shared with the web app, so they live in @onpatrol/contracts.
export {
  type CameraStreamStatus,
  STREAM_KINDS,
  type StreamKind,
  type StreamState,
} from '@onpatrol/contracts';

/** What ensureStream hands back: the stream's key (also its HLS folder and FLV name) and status. */
export interface StreamInfo {
  key: string;
  cameraId: string;
  stream: StreamKind;
  status: CameraStreamStatus;
}

/** A camera's registered stream URLs and the host/port of the camera set that serves them. */
export interface CameraSource {
  id: string;
  mainUrl: string;
  subUrl: string;
  setHost: string;
  setPort: number;
}

/** The part of a child process the media component uses; tests pass fakes. */
export interface ChildLike {
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  once(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
  once(event: 'error', listener: (err: Error) => void): unknown;
  kill(signal?: NodeJS.Signals): boolean;
}

/** What the media component needs from the outside, as function fields (tests pass fakes). */
export interface MediaDeps {
  /** Start ffmpeg with an argument array (never a shell string). */
  spawn: (args: string[]) => ChildLike;
  /** The camera and its set's registered host/port, unscoped; undefined when it does not exist. */
  lookupCamera: (cameraId: string) => Promise<CameraSource | undefined>;
  /**
   * A one-time token of node-media-server for one publish (an ffmpeg run) or play (a WS-FLV
   * relay connection) of the stream; startMedia passes its server's. Absent: URLs carry none.
   */
  grant?: (action: 'publish' | 'play', key: string) => Promise<string>;
  log?: FastifyBaseLogger;
}

/** Media settings; every field is documented with its default in config.ts of the gateway. */
export interface MediaConfig {
  /** Root of the HLS output; each stream writes into `<hlsDir>/<cameraId>_<stream>/`. */
  hlsDir: string;
  /** Most streams pulled at once (on demand and pre-warmed together). */
  maxStreams: number;
  /** The last pulls of the pool, which only the command centre may start (default 0). */
  commandReserve?: number;
  /** Most streams one user may hold at once, by role (default: none below maxStreams). */
  userStreams?: Partial<Record<Role, number>>;
  /** A stream nobody touched for this long is released. */
  idleMs: number;
  /** RTMP port of the local node-media-server that ffmpeg publishes to. */
  nmsRtmpPort: number;
  /** HTTP port of the local node-media-server (HTTP-FLV upstream of the WS-FLV relay); 0 = none. */
  nmsHttpPort: number;
  ffmpegPath: string;
  /** Target HLS segment length (segments are cut at keyframes). */
  segmentSeconds: number;
  /** Segments listed in the playlist. */
  listSize: number;
  /** No new frame for this long → stalled (default 3000). */
  stallMs?: number;
  /** The same picture repeated for this long → stalled, reason `frozen` (default 3000). */
  freezeMs?: number;
  /** First retry delay after a failed pull (default 500); doubles up to backoffMaxMs. */
  backoffMinMs?: number;
  /** Retry delay cap (default 10000); also how long a stream must stay live to reset the backoff. */
  backoffMaxMs?: number;
}
