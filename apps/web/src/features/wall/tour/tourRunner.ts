import type { Layout, Slots } from '../grid/layout';
import { clampDwell, pageCount, pageSize, pageSlots, rotation, type Tour } from './tourPaging';

/** The wall as a tour sees it (the app passes the wall store; tests pass an object). */
export interface TourWall {
  layout: () => Layout;
  slots: () => Slots;
  pinned: () => ReadonlySet<number>;
  setSlots: (slots: Array<string | null>) => void;
  /**
   * Start pulling the next page's cameras shortly before it is shown, so the page flips to video
   * that is already being ingested (warm start) instead of cold pulls. Optional.
   */
  prewarm?: (cameraIds: string[]) => void;
}

/** How long before a page flip its cameras are pre-warmed (at most half the dwell). */
export const PREWARM_LEAD_MS = 4000;

export interface TourView {
  tour: Tour | null;
  running: boolean;
  paused: boolean;
  /** 0-based page shown now, and how many pages the tour has on this wall. */
  page: number;
  pages: number;
  /** When the next page comes (ms since the epoch); null while paused or stopped. */
  nextAtMs: number | null;
}

const STOPPED: TourView = { tour: null, running: false, paused: false, page: 0, pages: 0, nextAtMs: null };

/**
 * Cycles a tour's cameras through the wall page by page. Pausing stops the clock; resuming gives
 * the current page a full dwell again (the officer paused to look at something, so the page has
 * not been watched properly). Pins and layout changes re-page the current page at once.
 */
export class TourRunner {
  private view: TourView = STOPPED;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private warmTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly wall: TourWall,
    private readonly onChange: (v: TourView) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  state(): TourView {
    return this.view;
  }

  start(tour: Tour): void {
    this.clear();
    const t = { ...tour, dwellSec: clampDwell(tour.dwellSec) };
    this.view = { ...STOPPED, tour: t, running: true };
    this.show(0);
    this.schedule();
  }

  pause(): void {
    if (!this.view.running || this.view.paused) return;
    this.clear();
    this.set({ paused: true, nextAtMs: null });
  }

  resume(): void {
    if (!this.view.running || !this.view.paused) return;
    this.view = { ...this.view, paused: false };
    this.schedule();
  }

  /** Next page now; the dwell starts again (a paused tour stays paused). */
  skip(): void {
    if (!this.view.running) return;
    this.clear();
    this.show(this.view.page + 1);
    if (!this.view.paused) this.schedule();
  }

  stop(): void {
    this.clear();
    this.set(STOPPED);
  }

  /** The layout or the pins changed: lay out the current page again. */
  refresh(): void {
    if (this.view.running) this.show(this.view.page);
  }

  private show(page: number): void {
    const tour = this.view.tour;
    if (!tour) return;
    const layout = this.wall.layout();
    const pinned = this.wall.pinned();
    const slots = this.wall.slots();
    const cams = rotation(tour, slots, pinned, layout);
    const pages = pageCount(cams.length, pageSize(layout, pinned));
    const p = pages === 0 ? 0 : page % pages;
    this.wall.setSlots(pageSlots(slots, layout, cams, p, pinned));
    this.set({ page: p, pages });
  }

  private schedule(): void {
    const tour = this.view.tour;
    if (!tour) return;
    const ms = tour.dwellSec * 1000;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.show(this.view.page + 1);
      this.schedule();
    }, ms);
    if (this.wall.prewarm) {
      this.warmTimer = setTimeout(
        () => {
          this.warmTimer = null;
          const next = this.nextPageCameras();
          if (next.length) this.wall.prewarm?.(next);
        },
        ms - Math.min(PREWARM_LEAD_MS, ms / 2),
      );
    }
    this.set({ nextAtMs: this.now() + ms });
  }

  /** The cameras the next page brings that the wall does not show already. */
  private nextPageCameras(): string[] {
    const tour = this.view.tour;
    if (!tour) return [];
    const layout = this.wall.layout();
    const pinned = this.wall.pinned();
    const slots = this.wall.slots();
    const cams = rotation(tour, slots, pinned, layout);
    const pages = pageCount(cams.length, pageSize(layout, pinned));
    if (pages < 2) return [];
    const showing = new Set(slots.slice(0, layout));
    return pageSlots(slots, layout, cams, (this.view.page + 1) % pages, pinned)
      .slice(0, layout)
      .filter((id): id is string => id !== null && !showing.has(id));
  }

  private clear(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    if (this.warmTimer !== null) clearTimeout(this.warmTimer);
    this.timer = null;
    this.warmTimer = null;
  }

  private set(patch: Partial<TourView>): void {
    this.view = { ...this.view, ...patch };
    this.onChange(this.view);
  }
}
