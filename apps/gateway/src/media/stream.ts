import { mkdirSync } from 'node:fs';
import type { FastifyBaseLogger } from 'fastify';
import { exitReason, ProgressParser, type ProgressReport, pullArgs, StderrTail } from './ffmpeg.js';
import { SegmentWatcher } from './segments.js';
import type { CameraStreamStatus, ChildLike, StreamKind, StreamState } from './types.js';

export interface SupervisorOptions {
  cameraId: string;
  stream: StreamKind;
  key: string;
  /** Already through the allow-list. */
  inputUrl: string;
  dir: string;
  /**
   * The RTMP URL of one run's publish; a promise when it carries a token that must reach
   * node-media-server first (a rejection counts as a failed run, retried with backoff).
   */
  publishUrl: () => string | Promise<string>;
  segmentSeconds: number;
  listSize: number;
  stallMs: number;
  freezeMs: number;
  backoffMinMs: number;
  backoffMaxMs: number;
  spawn: (args: string[]) => ChildLike;
  log: FastifyBaseLogger;
  onStatus: (s: CameraStreamStatus) => void;
}

/** How often the media service calls tick() on every stream (one timer for all of them). */
export const TICK_MS = 500;
/** First segment numbers of the latest runs kept (a playlist only lists segments of recent runs). */
const RUNS_KEPT = 32;
const POLL_MS = 1000;
const KILL_AFTER_MS = 3000;

/**
 * Keeps one stream's ffmpeg running while the stream is wanted: restarts it with capped
 * exponential backoff, and turns its progress and HLS output into an honest status.
 */
export class StreamSupervisor {
  private state: CameraStreamStatus;
  private child: ChildLike | null = null;
  private generation = 0;
  private attempts = 0;
  private stopping = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private exitWaiters: Array<() => void> = [];
  private lastFrame = 0;
  private lastFrameAt = 0;
  /** Reports with new frames since the stream last stalled. */
  private freshReports = 0;
  private liveSince: number | null = null;
  private frozen = false;
  private lastPollAt = 0;
  private tail = new StderrTail();
  private readonly watcher: SegmentWatcher;
  private runs = 0;
  private readonly runStarts: number[] = [];

  constructor(private readonly o: SupervisorOptions) {
    this.state = { cameraId: o.cameraId, stream: o.stream, state: 'idle', sinceMs: Date.now() };
    this.watcher = new SegmentWatcher(o.dir);
    this.launch();
  }

  get status(): CameraStreamStatus {
    return this.state;
  }

  /**
   * Which ffmpeg run (1 for the first) wrote segment number `n`; 0 when it is older than every
   * run known. Segment numbers rise across runs, so the run is the last one that started at or
   * below `n`.
   */
  runOfSegment(n: number): number {
    let newer = 0;
    for (let i = this.runStarts.length - 1; i >= 0 && (this.runStarts[i] as number) > n; i--) newer += 1;
    return newer === this.runStarts.length && this.runs > this.runStarts.length ? 0 : this.runs - newer;
  }

  /** Write times of the segments in the current playlist that are known so far (see stampFromFiles). */
  get segmentTimes(): Map<string, number> {
    return this.watcher.writtenAt;
  }

  /** Stop for good: SIGTERM (SIGKILL after 3 s) and resolve once the process is gone. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const child = this.child;
    if (!child) return;
    const gone = new Promise<void>((resolve) => this.exitWaiters.push(resolve));
    child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
    await gone;
    clearTimeout(force);
  }

  private launch(): void {
    this.retryTimer = null;
    if (this.stopping) return;
    const gen = ++this.generation;
    this.lastFrame = 0;
    this.lastFrameAt = Date.now();
    this.freshReports = 0;
    this.liveSince = null;
    this.frozen = false;
    this.tail = new StderrTail();
    const startNumber = this.watcher.nextStartNumber(Date.now());
    this.watcher.restart(startNumber);
    this.runs += 1;
    this.runStarts.push(startNumber);
    if (this.runStarts.length > RUNS_KEPT) this.runStarts.shift();
    this.setState('connecting');
    let url: string | Promise<string>;
    try {
      url = this.o.publishUrl();
    } catch (err) {
      url = Promise.reject(err);
    }
    if (typeof url === 'string') this.spawnRun(gen, startNumber, url);
    else {
      url.then(
        (u) => {
          // Stopped or superseded while the grant was on its way: no process to start.
          if (gen === this.generation && !this.stopping) this.spawnRun(gen, startNumber, u);
        },
        (err: Error) =>
          this.onExit(gen, null, null, `node-media-server did not take the publish: ${err.message}`),
      );
    }
  }

  private spawnRun(gen: number, startNumber: number, rtmpUrl: string): void {
    let child: ChildLike;
    try {
      mkdirSync(this.o.dir, { recursive: true });
      child = this.o.spawn(
        pullArgs({
          inputUrl: this.o.inputUrl,
          dir: this.o.dir,
          segmentSeconds: this.o.segmentSeconds,
          listSize: this.o.listSize,
          startNumber,
          rtmpUrl,
        }),
      );
    } catch (err) {
      this.onExit(gen, null, null, `ffmpeg could not be started: ${(err as Error).message}`);
      return;
    }
    this.child = child;
    const progress = new ProgressParser();
    child.stdout?.on('data', (chunk: Buffer) => {
      for (const r of progress.push(chunk)) this.onProgress(gen, r);
    });
    child.stderr?.on('data', (chunk: Buffer) => this.tail.push(chunk));
    child.once('error', (err: NodeJS.ErrnoException) =>
      this.onExit(gen, null, null, `ffmpeg could not be started: ${err.code ?? err.message}`),
    );
    child.once('exit', (code, signal) => this.onExit(gen, code, signal));
  }

  private onProgress(gen: number, r: ProgressReport): void {
    if (gen !== this.generation || r.end || r.frame <= this.lastFrame) return;
    this.lastFrame = r.frame;
    this.lastFrameAt = Date.now();
    this.freshReports += 1;
    // After a stall one report is not enough: ffmpeg flushes buffered frames just before it
    // gives up on a silent source, and that must not read as the picture coming back.
    const resumed = this.state.state === 'connecting' || this.freshReports >= 2;
    if (!this.frozen && this.state.state !== 'live' && resumed) {
      this.liveSince ??= Date.now();
      this.setState('live');
    }
  }

  private onExit(gen: number, code: number | null, signal: string | null, override?: string): void {
    // 'error' and 'exit' may both fire for one process; only the first counts.
    if (gen !== this.generation) return;
    this.generation += 1;
    this.child = null;
    for (const resolve of this.exitWaiters.splice(0)) resolve();
    if (this.stopping) return;
    const now = Date.now();
    const reason = override ?? exitReason(code, signal, this.tail.lines);
    this.o.log.warn(
      { key: this.o.key, code, signal, stderr: this.tail.lines.slice(-5), reason },
      'ffmpeg exited',
    );
    // A run that stayed live for a while counts as success: the next failure retries quickly.
    if (this.liveSince !== null && now - this.liveSince >= this.o.backoffMaxMs) this.attempts = 0;
    const delay = Math.min(this.o.backoffMaxMs, this.o.backoffMinMs * 2 ** this.attempts);
    this.attempts += 1;
    this.setState('offline', { reason, retryAtMs: now + delay });
    this.retryTimer = setTimeout(() => this.launch(), delay);
    this.retryTimer.unref?.();
  }

  /**
   * Every TICK_MS (the media service's one timer for all streams, so 60 streams wake the event
   * loop twice a second instead of 120 times): stall check, and a look at new segments once a second.
   */
  tick(): void {
    if (this.child === null || this.stopping) return;
    const now = Date.now();
    if (this.state.state === 'live' && now - this.lastFrameAt > this.o.stallMs) {
      this.freshReports = 0;
      this.setState('stalled', { reason: 'no-frames', stalledSinceMs: this.lastFrameAt });
    }
    const s = this.state.state;
    if ((s === 'live' || s === 'stalled') && now - this.lastPollAt >= POLL_MS - TICK_MS / 2) {
      this.lastPollAt = now;
      try {
        this.afterPoll(this.watcher.poll());
      } catch (err) {
        this.o.log.warn({ err, key: this.o.key }, 'reading HLS segments failed');
      }
    }
  }

  private afterPoll(fresh: number): void {
    const frozenMs = this.watcher.freeze.frozenForMs;
    const now = Date.now();
    if (!this.frozen && frozenMs >= this.o.freezeMs) {
      this.frozen = true;
      this.setState('stalled', { reason: 'frozen', stalledSinceMs: Math.round(now - frozenMs) });
    } else if (this.frozen && fresh > 0 && frozenMs === 0) {
      this.frozen = false;
      if (now - this.lastFrameAt <= this.o.stallMs) this.setState('live');
    }
  }

  private setState(state: StreamState, extra: Partial<CameraStreamStatus> = {}): void {
    const prev = this.state;
    if (prev.state === state && prev.reason === extra.reason && prev.retryAtMs === extra.retryAtMs) return;
    this.state = { cameraId: this.o.cameraId, stream: this.o.stream, state, sinceMs: Date.now(), ...extra };
    this.o.onStatus(this.state);
  }
}
