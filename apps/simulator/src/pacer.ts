/** Anything advanced once per frame interval. */
export interface Tickable {
  tick(): void;
}

export const FRAME_MS = 40;
/** Ticks made up at once after a stall; beyond that the schedule restarts instead of bursting. */
const MAX_CATCH_UP = 5;

/**
 * One timer for every playing stream: each tick sends the next frame of all of them. The schedule
 * is computed from the start time, so timer jitter does not accumulate into a slower frame rate.
 */
export class Pacer {
  private readonly items = new Set<Tickable>();
  private timer: NodeJS.Timeout | null = null;
  private origin = 0;
  private done = 0;
  ticks = 0;
  /** Times the schedule was restarted because the process fell too far behind. */
  stalls = 0;

  constructor(private readonly frameMs = FRAME_MS) {}

  add(item: Tickable): void {
    this.items.add(item);
    if (!this.timer) {
      this.origin = performance.now();
      this.done = 0;
      this.schedule();
    }
  }

  delete(item: Tickable): void {
    this.items.delete(item);
    if (this.items.size === 0) this.stop();
  }

  get size(): number {
    return this.items.size;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    const due = this.origin + (this.done + 1) * this.frameMs;
    this.timer = setTimeout(() => this.run(), Math.max(0, due - performance.now()));
  }

  private run(): void {
    let behind = Math.floor((performance.now() - this.origin) / this.frameMs) - this.done;
    if (behind > MAX_CATCH_UP) {
      this.stalls++;
      this.done += behind - 1;
      behind = 1;
    }
    for (let i = 0; i < Math.max(1, behind); i++) {
      this.done++;
      this.ticks++;
      for (const item of this.items) item.tick();
    }
    if (this.items.size > 0) this.schedule();
    else this.timer = null;
  }
}
