import type { LiveUrls, StreamKind } from '@onpatrol/contracts';
import { backoffDelay, needsRefresh, refreshDelay } from './liveUrls';

/** What a player plays; a new `key` means a new player (new camera/stream, or a reload after a failure). */
export interface LiveSource {
  key: string;
  hls: string;
  /** WS-FLV path on the gateway (see webSocketUrl). */
  wsFlv: string;
}

export interface LiveDeps {
  fetch: (cameraId: string, stream: StreamKind) => Promise<LiveUrls>;
  onSource: (s: LiveSource | null) => void;
  /** The last request's failure (null once one succeeds). */
  onError: (e: unknown) => void;
  now?: () => number;
}

const statusOf = (e: unknown) =>
  typeof e === 'object' && e !== null && 'status' in e ? (e as { status: unknown }).status : undefined;

/**
 * The signed URLs of one tile's stream. Asks the gateway only while the tile is active (a hidden
 * wall must not start pulls), renews the signatures a minute before they expire, and retries
 * failures with capped backoff — except 404 (not this user's camera), which retrying cannot fix.
 * A renewal keeps the player (requests are re-signed on the fly); a reload makes a new one.
 */
export class LiveController {
  private urls: LiveUrls | null = null;
  private generation = 0;
  private attempt = 0;
  private active = false;
  private hasSource = false;
  private inFlight = false;
  private wantReload = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;
  private readonly now: () => number;

  constructor(
    private readonly cameraId: string,
    private readonly stream: StreamKind,
    private readonly deps: LiveDeps,
  ) {
    this.now = deps.now ?? Date.now;
  }

  /** The latest answer: its signature is what requests should carry. */
  latest(): LiveUrls | null {
    return this.urls;
  }

  setActive(active: boolean): void {
    if (this.active === active) return;
    this.active = active;
    this.clearTimer();
    if (!active) return;
    if (!this.urls || !this.hasSource || needsRefresh(this.urls.expiresAt, this.now())) void this.request();
    else this.scheduleRefresh();
  }

  /** A media request was refused (expired signature): renew now and keep the player. */
  renew(): void {
    if (this.active && !this.inFlight) {
      this.clearTimer();
      void this.request();
    }
  }

  /** The player gave up: after the backoff, fetch again and hand out a new source. */
  reload(): void {
    if (this.disposed) return;
    this.wantReload = true;
    this.clearTimer();
    const delay = backoffDelay(this.attempt++);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.active) void this.request();
    }, delay);
  }

  /** Frames are showing: the next failure starts its backoff from the beginning. */
  playing(): void {
    this.attempt = 0;
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
  }

  private async request(): Promise<void> {
    if (this.inFlight || this.disposed) return;
    this.inFlight = true;
    try {
      const urls = await this.deps.fetch(this.cameraId, this.stream);
      if (this.disposed) return;
      this.urls = urls;
      this.deps.onError(null);
      if (!this.hasSource || this.wantReload) {
        this.generation += 1;
        this.hasSource = true;
        this.wantReload = false;
        this.deps.onSource({
          key: `${this.cameraId}_${this.stream}#${this.generation}`,
          hls: urls.hls,
          wsFlv: urls.wsFlv,
        });
      }
      this.scheduleRefresh();
    } catch (e) {
      if (this.disposed) return;
      this.deps.onError(e);
      if (statusOf(e) === 404) return;
      const delay = backoffDelay(this.attempt++);
      this.clearTimer();
      this.timer = setTimeout(() => {
        this.timer = null;
        if (this.active) void this.request();
      }, delay);
    } finally {
      this.inFlight = false;
    }
  }

  private scheduleRefresh(): void {
    if (!this.active || !this.urls) return;
    this.clearTimer();
    this.timer = setTimeout(
      () => {
        this.timer = null;
        if (this.active) void this.request();
      },
      refreshDelay(this.urls.expiresAt, this.now()),
    );
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
