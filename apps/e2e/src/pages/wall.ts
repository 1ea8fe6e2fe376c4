import type { Page } from 'playwright-core';

export interface TileInfo {
  index: number;
  cameraId: string | null;
  stream: string | null;
  state: string;
  totalVideoFrames: number;
  currentTime: number;
  latencySec: number | null;
  player: 'hls' | 'flv' | null;
}

type WallHooks = {
  tiles(): TileInfo[];
  setLayout(n: number): void;
  put(index: number, cameraId: string | null): void;
  focus(index: number | null, mode: 'hls' | 'flv'): void;
  startTour(ids: string[], dwellSec: number): void;
  stopTour(): void;
  tour(): { running: boolean; paused: boolean; page: number; pages: number };
};

/** The video wall, driven through its test hooks and test ids. */
export class WallPage {
  constructor(readonly page: Page) {}

  private call<T>(fn: string, ...args: unknown[]): Promise<T> {
    return this.page.evaluate(
      ([name, a]) => {
        const wall = (
          window as unknown as { __onpatrol: { wall: Record<string, (...x: unknown[]) => unknown> } }
        ).__onpatrol.wall;
        return wall[name as string]!(...(a as unknown[])) as never;
      },
      [fn, args] as const,
    );
  }

  tiles(): Promise<TileInfo[]> {
    return this.call('tiles');
  }
  setLayout(n: number): Promise<void> {
    return this.call('setLayout', n);
  }
  put(index: number, cameraId: string | null): Promise<void> {
    return this.call('put', index, cameraId);
  }
  focus(index: number | null, mode: 'hls' | 'flv'): Promise<void> {
    return this.call('focus', index, mode);
  }
  startTour(ids: string[], dwellSec: number): Promise<void> {
    return this.call('startTour', ids, dwellSec);
  }
  stopTour(): Promise<void> {
    return this.call('stopTour');
  }
  tour(): Promise<ReturnType<WallHooks['tour']>> {
    return this.call('tour');
  }

  async tile(index: number): Promise<TileInfo> {
    const t = (await this.tiles()).find((x) => x.index === index);
    if (!t) throw new Error(`no tile ${index}`);
    return t;
  }

  /** Resolves when the tile's video has decoded more frames than `after` and its clock moves. */
  async playing(index: number, after = 0, timeoutMs = 30_000): Promise<TileInfo> {
    const deadline = Date.now() + timeoutMs;
    let first: TileInfo | null = null;
    for (;;) {
      const t = await this.tile(index);
      if (t.totalVideoFrames > after + 5) {
        if (first && t.totalVideoFrames > first.totalVideoFrames && t.currentTime > first.currentTime)
          return t;
        first ??= t;
      }
      if (Date.now() > deadline) throw new Error(`tile ${index} is not playing: ${JSON.stringify(t)}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}
