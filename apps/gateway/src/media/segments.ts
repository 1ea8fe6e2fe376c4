import { closeSync, type FSWatcher, fstatSync, openSync, readFileSync, readSync, watch } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { FreezeDetector } from './freeze.js';

export const PLAYLIST = 'index.m3u8';
export const SEGMENT_PATTERN = /^seg_([0-9]+)\.ts$/;

const PLAYLIST_POLL_MS = 250;

/**
 * The playlist of a stream folder, waiting while the stream starts (ffmpeg writes it after the
 * first segment): wakes on the folder's change events, so a cold start loses no poll interval,
 * and polls as well, because a watch can miss events and says nothing when the stream stops.
 * null when `active()` turns false or `timeoutMs` passes first.
 */
export async function waitForPlaylist(
  dir: string,
  active: () => boolean,
  timeoutMs: number,
): Promise<string | null> {
  const file = path.join(dir, PLAYLIST);
  const read = () => readFile(file, 'utf8').catch(() => null);
  // A running stream's playlist is there: read it at once (synchronously, see readWithMtime).
  try {
    return readFileSync(file, 'utf8');
  } catch {
    // Not written yet: wait for it below.
  }
  return new Promise((resolve) => {
    let watcher: FSWatcher | null = null;
    let done = false;
    const finish = (result: string | null) => {
      if (done) return;
      done = true;
      watcher?.close();
      clearInterval(poll);
      clearTimeout(timer);
      resolve(result);
    };
    const check = async () => {
      const t = await read();
      if (t !== null) finish(t);
      else if (!active()) finish(null);
    };
    try {
      // ffmpeg writes index.m3u8.tmp and renames it: the rename names the playlist.
      watcher = watch(dir, (_event, name) => {
        if (name === PLAYLIST) void check();
      });
      watcher.on('error', () => undefined);
    } catch {
      // The folder is gone (stream stopped): the check below answers.
    }
    const poll = setInterval(() => void check(), PLAYLIST_POLL_MS);
    const timer = setTimeout(() => finish(null), timeoutMs);
    // It may have appeared between the first read and the watch.
    void check();
  });
}

/** The media sequence and segment names of an HLS media playlist. */
export function parsePlaylist(text: string): { sequence: number; segments: string[] } {
  const seq = /^#EXT-X-MEDIA-SEQUENCE:(\d+)/m.exec(text);
  const segments = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  return { sequence: seq ? Number(seq[1]) : 0, segments };
}

/**
 * The playlist with an #EXT-X-DISCONTINUITY-SEQUENCE that stays right across ffmpeg restarts.
 * Every run writes a playlist of its own that starts with #EXT-X-DISCONTINUITY (discont_start)
 * and no sequence, so without one a player numbers every run 1 — segments of a new run look
 * continuous with the old run's (hls.js places them over what it already played and stalls) —
 * and renumbers a run 0 once its tag scrolls out. `run` is the run (1, 2, …) that wrote the first
 * listed segment: the first segment's discontinuity number is `run` either way.
 */
export function withDiscontinuitySequence(text: string, run: number): string {
  if (/^#EXT-X-DISCONTINUITY-SEQUENCE:/m.test(text)) return text;
  const lines = text.split('\n');
  const firstUri = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  const tagged = lines.slice(0, Math.max(0, firstUri)).some((l) => l.trim() === '#EXT-X-DISCONTINUITY');
  const sequence = Math.max(0, run - (tagged ? 1 : 0));
  const at = lines.findIndex((l) => l.startsWith('#EXT-X-MEDIA-SEQUENCE:'));
  if (at < 0) return text;
  lines.splice(at + 1, 0, `#EXT-X-DISCONTINUITY-SEQUENCE:${sequence}`);
  return lines.join('\n');
}

/** The number in a segment file name (seg_<n>.ts), null for other names. */
export const segmentNumber = (name: string): number | null => {
  const m = SEGMENT_PATTERN.exec(name);
  return m ? Number(m[1]) : null;
};

/**
 * A whole file and its modification time, read synchronously from one open file. Used for the
 * files ffmpeg has just written (a playlist of a few hundred bytes, a segment of ~100 KB), which
 * are in the page cache: a read costs tens of microseconds, while the same read through libuv's
 * thread pool costs four thread hand-offs and event-loop wake-ups (open, fstat, read, close),
 * which at 60 streams was most of the gateway's ingest CPU on a virtual machine.
 */
export function readWithMtime(file: string): { data: Buffer; mtimeMs: number } {
  const fd = openSync(file, 'r');
  try {
    const st = fstatSync(fd);
    const data = Buffer.allocUnsafe(st.size);
    let at = 0;
    while (at < data.length) {
      const n = readSync(fd, data, at, data.length - at, at);
      if (n === 0) break;
      at += n;
    }
    return { data: at === data.length ? data : data.subarray(0, at), mtimeMs: st.mtimeMs };
  } finally {
    closeSync(fd);
  }
}

/**
 * Follows one stream's HLS folder: reads each new segment once (for the freeze detector, noting
 * its write time for the playlist's program date times), remembers the highest segment number so
 * a restarted ffmpeg continues above it, and removes segments a previous ffmpeg run left behind.
 */
export class SegmentWatcher {
  readonly freeze = new FreezeDetector();
  /** Write time (ms) of the segments listed in the latest playlist, by file name. */
  readonly writtenAt = new Map<string, number>();
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

  /** Read segments that appeared since the last poll (synchronously, see readWithMtime); returns how many were new. */
  poll(): number {
    let text: string;
    try {
      text = readFileSync(path.join(this.dir, PLAYLIST), 'utf8');
    } catch {
      return 0;
    }
    const { segments } = parsePlaylist(text);
    const listed = new Set(segments);
    for (const name of this.writtenAt.keys()) if (!listed.has(name)) this.writtenAt.delete(name);
    let fresh = 0;
    for (const name of segments) {
      const n = segmentNumber(name);
      if (n === null || n <= this.lastSeen) continue;
      try {
        const { data, mtimeMs } = readWithMtime(path.join(this.dir, name));
        this.writtenAt.set(name, mtimeMs);
        this.freeze.push(data);
      } catch {
        // Deleted by ffmpeg before we got to it: too old to matter.
      }
      this.lastSeen = n;
      fresh += 1;
    }
    const first = Math.min(...segments.map((s) => segmentNumber(s) ?? Number.POSITIVE_INFINITY));
    if (!this.swept && first >= this.runStart && first !== Number.POSITIVE_INFINITY) {
      this.swept = true;
      // Leftovers that cannot be removed now are removed with the stream's folder.
      void this.sweep(first).catch(() => undefined);
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
