import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { FreezeDetector } from './freeze.js';

export const PLAYLIST = 'index.m3u8';
export const SEGMENT_PATTERN = /^seg_([0-9]+)\.ts$/;

/** The media sequence and segment names of an HLS media playlist. */
export function parsePlaylist(text: string): { sequence: number; segments: string[] } {
  const seq = /^#EXT-X-MEDIA-SEQUENCE:(\d+)/m.exec(text);
  const segments = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  return { sequence: seq ? Number(seq[1]) : 0, segments };
}

const segmentNumber = (name: string): number | null => {
  const m = SEGMENT_PATTERN.exec(name);
  return m ? Number(m[1]) : null;
};

/**
 * Follows one stream's HLS folder: reads each new segment once (for the freeze detector),
 * remembers the highest segment number so a restarted ffmpeg continues above it, and removes
 * segments a previous ffmpeg run left behind.
 */
export class SegmentWatcher {
  readonly freeze = new FreezeDetector();
  private lastSeen = -1;
  private runStart = 0;
  private swept = true;

  constructor(readonly dir: string) {}

  /** The first segment number for the next ffmpeg run. */
  nextStartNumber(nowMs: number): number {
    // Epoch seconds keep numbers rising across gateway restarts too; +1 above anything seen.
    return Math.max(Math.floor(nowMs / 1000), this.lastSeen + 1);
  }

  /** A new ffmpeg run starts at `startNumber`: forget frame history, sweep leftovers once it writes. */
  restart(startNumber: number): void {
    this.freeze.reset();
    this.runStart = startNumber;
    this.swept = false;
  }

  /** Read segments that appeared since the last poll; returns how many were new. */
  async poll(): Promise<number> {
    let text: string;
    try {
      text = await readFile(path.join(this.dir, PLAYLIST), 'utf8');
    } catch {
      return 0;
    }
    const { segments } = parsePlaylist(text);
    let fresh = 0;
    for (const name of segments) {
      const n = segmentNumber(name);
      if (n === null || n <= this.lastSeen) continue;
      try {
        this.freeze.push(await readFile(path.join(this.dir, name)));
      } catch {
        // Deleted by ffmpeg before we got to it: too old to matter.
      }
      this.lastSeen = n;
      fresh += 1;
    }
    const first = Math.min(...segments.map((s) => segmentNumber(s) ?? Number.POSITIVE_INFINITY));
    if (!this.swept && first >= this.runStart && first !== Number.POSITIVE_INFINITY) {
      this.swept = true;
      await this.sweep(first);
    }
    return fresh;
  }

  private async sweep(first: number): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    await Promise.all(
      names
        .filter((n) => (segmentNumber(n) ?? Number.POSITIVE_INFINITY) < first)
        .map((n) => rm(path.join(this.dir, n), { force: true })),
    );
  }
}
