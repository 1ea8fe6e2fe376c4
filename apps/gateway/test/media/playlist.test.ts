import { mkdtempSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stampFromFiles, stampProgramDateTimes } from '../../src/media/pdt.js';
import {
  PLAYLIST,
  parsePlaylist,
  waitForPlaylist,
  withDiscontinuitySequence,
} from '../../src/media/segments.js';

describe('waiting for a starting stream’s playlist', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'playlist-wait-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** As ffmpeg's temp_file flag does it: write aside, then rename into place. */
  const publish = (text: string) => {
    writeFileSync(path.join(dir, `${PLAYLIST}.tmp`), text);
    renameSync(path.join(dir, `${PLAYLIST}.tmp`), path.join(dir, PLAYLIST));
  };

  it('answers with the playlist once ffmpeg renames it into place', async () => {
    const waiting = waitForPlaylist(dir, () => true, 10_000);
    setTimeout(() => publish('#EXTM3U\n#EXTINF:1.0,\nseg_1.ts\n'), 30);
    expect(await waiting).toBe('#EXTM3U\n#EXTINF:1.0,\nseg_1.ts\n');
  });

  it('answers at once when the playlist is already there', async () => {
    publish('#EXTM3U\n');
    expect(await waitForPlaylist(dir, () => false, 10_000)).toBe('#EXTM3U\n');
  });

  it('gives up when the stream stops, or when the wait is over', async () => {
    let active = true;
    const stopped = waitForPlaylist(dir, () => active, 60_000);
    active = false;
    expect(await stopped).toBeNull();
    expect(await waitForPlaylist(dir, () => true, 50)).toBeNull();
    // A folder that is gone (stream released) is no error either.
    expect(await waitForPlaylist(path.join(dir, 'gone'), () => false, 1000)).toBeNull();
  });
});

const T = Date.parse('2026-05-01T08:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const pdts = (text: string) =>
  [...text.matchAll(/^#EXT-X-PROGRAM-DATE-TIME:(.*)$/gm)].map((m) => Date.parse(m[1] as string));

/** An ffmpeg playlist whose dates lag: stamped 5 s early, durations from the camera's clock. */
const FFMPEG = [
  '#EXTM3U',
  '#EXT-X-VERSION:6',
  '#EXT-X-TARGETDURATION:1',
  '#EXT-X-MEDIA-SEQUENCE:10',
  '#EXT-X-INDEPENDENT-SEGMENTS',
  `#EXT-X-PROGRAM-DATE-TIME:${iso(T - 5000)}`,
  '#EXTINF:1.000000,',
  'seg_10.ts',
  `#EXT-X-PROGRAM-DATE-TIME:${iso(T - 4000)}`,
  '#EXTINF:1.000000,',
  'seg_11.ts',
  `#EXT-X-PROGRAM-DATE-TIME:${iso(T - 3000)}`,
  '#EXTINF:1.000000,',
  'seg_12.ts',
  '',
].join('\n');

describe('program date times from the wall clock', () => {
  it('dates each segment from when ffmpeg wrote the one before it, replacing ffmpeg’s dates', () => {
    // The camera's clock runs slow: every segment "lasts" 1 s but arrives 1.05 s after the last.
    const written: Record<string, number> = {
      'seg_10.ts': T + 1000,
      'seg_11.ts': T + 2050,
      'seg_12.ts': T + 3100,
    };
    const out = stampProgramDateTimes(FFMPEG, (uri) => written[uri]);
    expect(pdts(out)).toEqual([T, T + 1000, T + 2050]);
    // One date per segment, right before its EXTINF; everything else as ffmpeg wrote it.
    expect(out.split('\n').filter((l) => !l.startsWith('#EXT-X-PROGRAM-DATE-TIME'))).toEqual(
      FFMPEG.split('\n').filter((l) => !l.startsWith('#EXT-X-PROGRAM-DATE-TIME')),
    );
    expect(out).toMatch(/#EXT-X-PROGRAM-DATE-TIME:[^\n]+\n#EXTINF:1\.000000,\nseg_11\.ts/);
    expect(parsePlaylist(out).segments).toEqual(['seg_10.ts', 'seg_11.ts', 'seg_12.ts']);
  });

  it('starts a new ffmpeg run (after a discontinuity) from its own segment’s write time', () => {
    const text = FFMPEG.replace(
      '#EXTINF:1.000000,\nseg_12.ts',
      '#EXT-X-DISCONTINUITY\n#EXTINF:2.000000,\nseg_12.ts',
    );
    const written: Record<string, number> = {
      'seg_10.ts': T + 1000,
      'seg_11.ts': T + 2000,
      'seg_12.ts': T + 9000,
    };
    expect(pdts(stampProgramDateTimes(text, (uri) => written[uri]))).toEqual([T, T + 1000, T + 7000]);
  });

  it('carries a segment whose file is gone on from its neighbours', () => {
    const written: Record<string, number> = { 'seg_11.ts': T + 2000 };
    // seg_11 has no predecessor time: 2000 − 1000; seg_10 leads into it, seg_12 follows on.
    expect(pdts(stampProgramDateTimes(FFMPEG, (uri) => written[uri]))).toEqual([T, T + 1000, T + 2000]);
  });

  it('leaves the playlist alone when no write time is known', () => {
    expect(stampProgramDateTimes(FFMPEG, () => undefined)).toBe(FFMPEG);
  });

  it('reads the write times from the segment files', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'playlist-pdt-'));
    try {
      for (const [name, at] of [
        ['seg_10.ts', T + 1000],
        ['seg_11.ts', T + 2000],
        ['seg_12.ts', T + 3000],
      ] as const) {
        writeFileSync(path.join(dir, name), 'x');
        utimesSync(path.join(dir, name), new Date(at), new Date(at));
      }
      expect(pdts(stampFromFiles(FFMPEG, dir))).toEqual([T, T + 1000, T + 2000]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes write times it already knows from the stream, and learns the others from the files', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'playlist-pdt-'));
    try {
      for (const name of ['seg_10.ts', 'seg_11.ts', 'seg_12.ts']) {
        writeFileSync(path.join(dir, name), 'x');
        utimesSync(path.join(dir, name), new Date(T + 5000), new Date(T + 5000));
      }
      // Known (as the segment watcher read them): seg_10 and seg_11; seg_12 is newer than its last poll.
      const known = new Map([
        ['seg_10.ts', T + 1000],
        ['seg_11.ts', T + 2000],
      ]);
      expect(pdts(stampFromFiles(FFMPEG, dir, known))).toEqual([T, T + 1000, T + 2000]);
      expect(known.get('seg_12.ts')).toBe(T + 5000);
      // The file's time is not read again: a known time stands.
      utimesSync(path.join(dir, 'seg_12.ts'), new Date(T + 9000), new Date(T + 9000));
      stampFromFiles(FFMPEG, dir, known);
      expect(known.get('seg_12.ts')).toBe(T + 5000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('discontinuity sequence across ffmpeg runs', () => {
  const run = (tagged: boolean) =>
    [
      '#EXTM3U',
      '#EXT-X-TARGETDURATION:1',
      '#EXT-X-MEDIA-SEQUENCE:20',
      ...(tagged ? ['#EXT-X-DISCONTINUITY'] : []),
      '#EXTINF:1.000000,',
      'seg_20.ts',
      '#EXTINF:1.000000,',
      'seg_21.ts',
      '',
    ].join('\n');
  /** The discontinuity number a player gives the first segment (HLS spec, section 6.2.2). */
  const firstCc = (text: string) => {
    const seq = Number(/#EXT-X-DISCONTINUITY-SEQUENCE:(\d+)/.exec(text)?.[1] ?? 0);
    return seq + (/\n#EXT-X-DISCONTINUITY\n#EXTINF/.test(text) ? 1 : 0);
  };

  it('numbers a run the same whether its opening tag is still listed or scrolled out', () => {
    for (const r of [1, 2, 7]) {
      expect(firstCc(withDiscontinuitySequence(run(true), r))).toBe(r);
      expect(firstCc(withDiscontinuitySequence(run(false), r))).toBe(r);
    }
    // So a second run never shares a number with the first, which is what made hls.js stall.
    expect(firstCc(withDiscontinuitySequence(run(true), 2))).not.toBe(
      firstCc(withDiscontinuitySequence(run(true), 1)),
    );
  });

  it('puts the tag after the media sequence and leaves one that is already there', () => {
    expect(withDiscontinuitySequence(run(false), 3)).toContain(
      '#EXT-X-MEDIA-SEQUENCE:20\n#EXT-X-DISCONTINUITY-SEQUENCE:3\n',
    );
    const given = run(false).replace(
      '#EXT-X-MEDIA-SEQUENCE:20',
      '#EXT-X-MEDIA-SEQUENCE:20\n#EXT-X-DISCONTINUITY-SEQUENCE:9',
    );
    expect(withDiscontinuitySequence(given, 3)).toBe(given);
  });
});
