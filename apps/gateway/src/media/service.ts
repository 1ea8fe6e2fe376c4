import { EventEmitter } from 'node:events';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { MediaClosedError, UnknownCameraError } from './errors.js';
import { checkPool, checkQuota, type Viewer } from './quota.js';
import { StreamSupervisor, TICK_MS } from './stream.js';
import type {
  CameraStreamStatus,
  MediaConfig,
  MediaDeps,
  StreamInfo,
  StreamKind,
  StreamState,
} from './types.js';
import { CAMERA_ID_PATTERN, checkCameraUrl, redactUrl, streamKey } from './validate.js';
import { StreamViewers } from './viewers.js';

interface Entry {
  key: string;
  cameraId: string;
  stream: StreamKind;
  sup: StreamSupervisor;
  viewers: StreamViewers;
  prewarm: boolean;
}

/** Pre-warmed cameras keep their sub stream (what tiles play) pulled. */
const PREWARM_STREAM: StreamKind = 'sub';
/** Streams ticked before the event loop gets a turn (see tickAll). */
const TICK_YIELD_EVERY = 16;
const RANK: Record<StreamState, number> = { idle: 0, offline: 1, connecting: 2, stalled: 3, live: 4 };

/**
 * Live video ingest: one ffmpeg per watched stream, pulled on demand, released when nobody
 * watches for `idleMs`, kept while pre-warmed. ffmpeg and node-media-server are private to it.
 */
export class MediaService {
  readonly config: Required<MediaConfig>;
  private readonly entries = new Map<string, Entry>();
  private readonly starting = new Map<string, Promise<Entry>>();
  /** Viewers of streams still starting: they count toward their quota from the first request. */
  private readonly startingViewers = new Map<string, Set<string>>();
  private readonly stopping = new Map<string, Promise<void>>();
  private readonly events = new EventEmitter();
  private readonly log: FastifyBaseLogger;
  private readonly reaper: NodeJS.Timeout;
  private readonly ticker: NodeJS.Timeout;
  private ticking = false;
  private prewarmIds = new Set<string>();
  private closed = false;

  constructor(
    config: MediaConfig,
    private readonly deps: MediaDeps,
    /** Runs last in close() (startMedia releases node-media-server here). */
    private readonly onClose: () => Promise<void> = async () => {},
  ) {
    this.config = {
      stallMs: 3000,
      freezeMs: 3000,
      backoffMinMs: 500,
      backoffMaxMs: 10_000,
      commandReserve: 0,
      userStreams: {},
      ...config,
    };
    this.log = (deps.log ?? pino({ level: 'silent' })).child({ module: 'media' });
    this.reaper = setInterval(() => this.reap(), Math.min(1000, this.config.idleMs));
    this.reaper.unref?.();
    this.ticker = setInterval(() => void this.tickAll(), TICK_MS);
    this.ticker.unref?.();
  }

  /**
   * One tick for every stream. A stream's tick may read a new segment (synchronously, from the
   * page cache): after every few streams other work (sockets, requests) gets its turn.
   */
  private async tickAll(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      let n = 0;
      for (const e of [...this.entries.values()]) {
        e.sup.tick();
        if (++n % TICK_YIELD_EVERY === 0) await new Promise((r) => setImmediate(r));
      }
    } finally {
      this.ticking = false;
    }
  }

  /**
   * Start pulling the stream, or join it when it already runs; resolves once ffmpeg is started
   * (status connecting or better), not when the first segment exists. A stream the viewer does
   * not hold yet counts toward their role's quota, joined or not; a new pull also needs room in
   * the pool (the reserve only for the command centre). Throws StreamQuotaError, StreamCapError,
   * StreamReserveError, UnknownCameraError, CameraUrlRefusedError or InvalidStreamError.
   */
  async ensureStream(
    cameraId: string,
    stream: StreamKind = 'sub',
    viewer: Viewer | string = '',
  ): Promise<StreamInfo> {
    return this.ensure(cameraId, stream, typeof viewer === 'string' ? { name: viewer } : viewer);
  }

  /** How many streams the viewer holds: asked for within idleMs, held open, or still starting. */
  heldBy(viewer: string): number {
    let n = 0;
    for (const e of this.entries.values()) if (e.viewers.has(viewer)) n += 1;
    for (const [key, names] of this.startingViewers) if (!this.entries.has(key) && names.has(viewer)) n += 1;
    return n;
  }

  /** A viewer is still watching (every HLS/FLV request). Unknown keys are ignored. */
  touch(key: string, viewer = ''): void {
    this.entries.get(key)?.viewers.touch(viewer);
  }

  /** Keep the stream wanted while a long-lived connection is open; call the result when it closes. */
  hold(key: string, viewer = ''): () => void {
    return this.entries.get(key)?.viewers.hold(viewer) ?? (() => {});
  }

  /** The viewer (or, without one, every viewer) stopped watching; the stream ends soon unless still wanted. */
  release(key: string, viewer?: string): void {
    this.entries.get(key)?.viewers.release(viewer);
  }

  /** Cameras whose sub stream stays pulled (key sites, patrol plans, open alarms); replaces the list. */
  async setPrewarm(cameraIds: readonly string[]): Promise<void> {
    const wanted = new Set(cameraIds.filter((id) => CAMERA_ID_PATTERN.test(id)));
    this.prewarmIds = wanted;
    for (const e of this.entries.values()) e.prewarm = e.stream === PREWARM_STREAM && wanted.has(e.cameraId);
    await Promise.all(
      [...wanted].map((id) =>
        this.ensure(id, PREWARM_STREAM, null).catch((err: Error) =>
          this.log.warn({ cameraId: id, err: err.message }, 'pre-warming a camera failed'),
        ),
      ),
    );
  }

  /** The camera's best stream state (live > stalled > connecting > offline); idle when none runs. */
  status(cameraId: string): CameraStreamStatus {
    let best: CameraStreamStatus | null = null;
    for (const e of this.entries.values()) {
      if (e.cameraId !== cameraId) continue;
      const s = e.sup.status;
      if (!best || RANK[s.state] > RANK[best.state]) best = s;
    }
    return best ?? { cameraId, stream: PREWARM_STREAM, state: 'idle', sinceMs: 0 };
  }

  /** Snapshot of every running stream (streams not listed are idle). */
  statuses(): CameraStreamStatus[] {
    return [...this.entries.values()].map((e) => e.sup.status);
  }

  /** Every status change of every stream, including `idle` when one is released. */
  on(event: 'status', listener: (s: CameraStreamStatus) => void): this {
    this.events.on(event, listener);
    return this;
  }

  off(event: 'status', listener: (s: CameraStreamStatus) => void): this {
    this.events.off(event, listener);
    return this;
  }

  /** Whether the stream currently runs (media routes serve only running streams). */
  isActive(key: string): boolean {
    return this.entries.has(key);
  }

  /** Which ffmpeg run of the stream (1 for the first) wrote segment number `n`; null when it is not running. */
  runOfSegment(key: string, n: number): number | null {
    return this.entries.get(key)?.sup.runOfSegment(n) ?? null;
  }

  /** Known write times of the running stream's listed segments, by file name; none when it is not running. */
  segmentTimes(key: string): Map<string, number> | undefined {
    return this.entries.get(key)?.sup.segmentTimes;
  }

  /** The folder a stream's HLS output is written to. */
  hlsDirOf(key: string): string {
    return path.join(this.config.hlsDir, key);
  }

  /**
   * node-media-server's HTTP-FLV URL of the stream for one relay connection (with a one-time
   * token: node-media-server plays only for the gateway), upstream of the WS-FLV relay; null
   * without a server.
   */
  async flvUpstream(key: string): Promise<string | null> {
    if (!this.config.nmsHttpPort) return null;
    return this.withToken('play', key, `http://127.0.0.1:${this.config.nmsHttpPort}/live/${key}.flv`);
  }

  /** `url` with a token node-media-server granted for it; as it is when there is no grant (fakes). */
  private withToken(action: 'publish' | 'play', key: string, url: string): string | Promise<string> {
    const grant = this.deps.grant;
    return grant ? grant(action, key).then((token) => `${url}?token=${token}`) : url;
  }

  /** Stop every stream and wait for the processes to exit. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.reaper);
    clearInterval(this.ticker);
    await Promise.allSettled([...this.starting.values()]);
    await Promise.all([...this.entries.keys()].map((key) => this.stop(key)));
    await Promise.all([...this.stopping.values()]);
    await this.onClose();
  }

  /** `viewer` null: a pre-warm, which holds the stream for no one and never takes the reserve. */
  private async ensure(cameraId: string, stream: StreamKind, viewer: Viewer | null): Promise<StreamInfo> {
    if (this.closed) throw new MediaClosedError();
    const key = streamKey(cameraId, stream);
    // Checked and claimed synchronously, so 36 requests at once cannot all pass the same count.
    if (viewer && !this.holdsKey(key, viewer.name)) checkQuota(this.config, viewer, this.heldBy(viewer.name));
    let entry = this.entries.get(key);
    if (!entry) {
      // Look up and register synchronously, so concurrent viewers share one start.
      let pending = this.starting.get(key);
      if (!pending) {
        checkPool(this.config, this.activeCount(), viewer);
        pending = this.start(key, cameraId, stream);
        this.starting.set(key, pending);
        this.startingViewers.set(key, new Set());
        const forget = () => {
          this.starting.delete(key);
          this.startingViewers.delete(key);
        };
        pending.then(forget, forget);
      }
      if (viewer) this.startingViewers.get(key)?.add(viewer.name);
      entry = await pending;
    }
    if (viewer) entry.viewers.touch(viewer.name);
    else entry.prewarm = true;
    return { key, cameraId, stream, status: entry.sup.status };
  }

  private holdsKey(key: string, viewer: string): boolean {
    const e = this.entries.get(key);
    return e ? e.viewers.has(viewer) : (this.startingViewers.get(key)?.has(viewer) ?? false);
  }

  private async start(key: string, cameraId: string, stream: StreamKind): Promise<Entry> {
    await this.stopping.get(key);
    const camera = await this.deps.lookupCamera(cameraId);
    if (!camera) throw new UnknownCameraError(cameraId);
    const raw = stream === 'main' ? camera.mainUrl : camera.subUrl;
    const inputUrl = checkCameraUrl(cameraId, raw, camera.setHost, camera.setPort);
    if (this.closed) throw new MediaClosedError();
    this.log.info({ key, url: redactUrl(inputUrl) }, 'starting stream');
    const c = this.config;
    const sup = new StreamSupervisor({
      cameraId,
      stream,
      key,
      inputUrl,
      dir: this.hlsDirOf(key),
      publishUrl: () => this.withToken('publish', key, `rtmp://127.0.0.1:${c.nmsRtmpPort}/live/${key}`),
      segmentSeconds: c.segmentSeconds,
      listSize: c.listSize,
      stallMs: c.stallMs,
      freezeMs: c.freezeMs,
      backoffMinMs: c.backoffMinMs,
      backoffMaxMs: c.backoffMaxMs,
      spawn: (args) => this.deps.spawn(args),
      log: this.log,
      onStatus: (s) => this.events.emit('status', s),
    });
    const entry: Entry = {
      key,
      cameraId,
      stream,
      sup,
      // Whoever asked while it was starting holds it from the start.
      viewers: new StreamViewers(c.idleMs, this.startingViewers.get(key)),
      prewarm: stream === PREWARM_STREAM && this.prewarmIds.has(cameraId),
    };
    this.entries.set(key, entry);
    return entry;
  }

  private activeCount(): number {
    let n = this.entries.size;
    for (const key of this.starting.keys()) if (!this.entries.has(key)) n += 1;
    return n;
  }

  private reap(): void {
    for (const e of this.entries.values()) if (e.viewers.reap() && !e.prewarm) void this.stop(e.key);
  }

  private stop(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return this.stopping.get(key) ?? Promise.resolve();
    this.entries.delete(key);
    this.log.info({ key }, 'releasing stream');
    const done = entry.sup
      .stop()
      .then(() => {
        this.events.emit('status', {
          cameraId: entry.cameraId,
          stream: entry.stream,
          state: 'idle',
          sinceMs: Date.now(),
        } satisfies CameraStreamStatus);
        // A new start of this key waits for the folder to be gone (see start()).
        return rm(this.hlsDirOf(key), { recursive: true, force: true });
      })
      .catch((err) => this.log.warn({ err, key }, 'releasing a stream failed'))
      .finally(() => this.stopping.delete(key));
    this.stopping.set(key, done);
    return done;
  }
}
