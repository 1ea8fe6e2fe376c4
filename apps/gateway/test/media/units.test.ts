import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { exitReason, ProgressParser, pullArgs } from '../../src/media/ffmpeg.js';
import { FreezeDetector, videoFrameDigests } from '../../src/media/freeze.js';
import { parsePlaylist } from '../../src/media/segments.js';
import { MediaService } from '../../src/media/service.js';
import { signPlaylist, signStream, verifyStream } from '../../src/media/signing.js';
import { checkCameraUrl, parseStreamKey, redactUrl, streamKey } from '../../src/media/validate.js';
import { CAM_A, fakeLookup, fakeSpawner, tsSegment } from './fakes.js';

const frame = (n: number, bytes = 300) => Buffer.alloc(bytes, n % 251);
const frames = (from: number, count: number, same = false) =>
  Array.from({ length: count }, (_, i) => ({
    payload: frame(same ? from : from + i),
    pts: 90_000 + (from + i) * 3600,
  }));

describe('camera URL allow-list', () => {
  const ok = (url: string, host = '10.0.0.7', port = 554) => checkCameraUrl(CAM_A, url, host, port);
  it('accepts rtsp:// to the registered host and port, credentials included', () => {
    expect(ok('rtsp://10.0.0.7:554/Streaming/Channels/102')).toBe(
      'rtsp://10.0.0.7:554/Streaming/Channels/102',
    );
    expect(ok('rtsp://10.0.0.7/ch1')).toBe('rtsp://10.0.0.7/ch1');
    expect(ok('rtsp://admin:pw@10.0.0.7:554/ch1')).toBe('rtsp://admin:pw@10.0.0.7:554/ch1');
    expect(ok('rtsp://Cam-7.local:8554/a', 'cam-7.local', 8554)).toBeTruthy();
    expect(ok('rtsp://[::1]:8554/a', '::1', 8554)).toBeTruthy();
  });
  it.each([
    ['RTSP://10.0.0.7:554/x'.replace('RTSP', 'rtsps'), /protocol/],
    ['rtmp://10.0.0.7:554/x', /protocol/],
    ['rtsp://10.0.0.8:554/x', /host/],
    ['rtsp://10.0.0.7.evil:554/x', /host/],
    ['rtsp://evil@10.0.0.8:554/x', /host/],
    ['rtsp://10.0.0.7:555/x', /port/],
    ['rtsp://0x0a.0.0.7:554/x', /host/],
    ['rtsp://10.0.0.7:554/x\t', /whitespace/],
    ['rtsp://10.0.0.7:554/x\u2028', /whitespace/],
    ['-re', /"-"/],
    ['', /characters/],
    ['not a url', /whitespace/],
    ['rtsp:10.0.0.7', /host/],
  ])('refuses %j', (url, why) => {
    expect(() => ok(url)).toThrow(why);
  });
  it('redacts credentials', () => {
    expect(redactUrl('rtsp://admin:pw@10.0.0.7/x: Connection refused')).toBe(
      'rtsp://***@10.0.0.7/x: Connection refused',
    );
  });
  it('builds and parses stream keys', () => {
    expect(streamKey(CAM_A, 'main')).toBe(`${CAM_A}_main`);
    expect(parseStreamKey(`${CAM_A}_sub`)).toEqual({ cameraId: CAM_A, stream: 'sub' });
    expect(parseStreamKey(`${CAM_A}_sub.flv`)).toBeNull();
    expect(() => streamKey(`${CAM_A}0`, 'sub')).toThrow(/cameraId/);
  });
});

describe('ffmpeg arguments and output', () => {
  it('copies one video track to HLS and RTMP with progress on stdout', () => {
    const args = pullArgs({
      inputUrl: 'rtsp://h:554/x',
      dir: '/hls/k',
      segmentSeconds: 1,
      listSize: 4,
      startNumber: 1700000000,
      rtmpUrl: 'rtmp://127.0.0.1:1935/live/k',
    });
    const after = (flag: string, from = 0) => args[args.indexOf(flag, from) + 1];
    expect(after('-i')).toBe('rtsp://h:554/x');
    expect(after('-rtsp_transport')).toBe('tcp');
    // Short probing, before the input it applies to: cold starts do not wait seconds for it.
    expect(Number(after('-analyzeduration'))).toBeLessThanOrEqual(500_000);
    expect(after('-fpsprobesize')).toBe('0');
    expect(args.indexOf('-analyzeduration')).toBeLessThan(args.indexOf('-i'));
    expect(after('-progress')).toBe('pipe:1');
    expect(args.filter((a) => a === 'copy')).toHaveLength(2);
    expect(args).not.toContain('-vf');
    expect(after('-hls_flags')).toContain('program_date_time');
    expect(after('-hls_flags')).toContain('delete_segments');
    expect(after('-start_number')).toBe('1700000000');
    expect(after('-hls_segment_filename')).toBe('/hls/k/seg_%d.ts');
    expect(args.at(-1)).toBe('rtmp://127.0.0.1:1935/live/k');
    // The input is the only place a camera-derived string appears.
    expect(args.indexOf('-i')).toBeLessThan(args.indexOf('-map'));
  });

  it('parses -progress blocks across chunk boundaries', () => {
    const p = new ProgressParser();
    expect(p.push('frame=1\nfps=0.0\nout_time_us=40000\nprog')).toEqual([]);
    expect(p.push('ress=continue\nframe=26\nout_time_us=N/A\nprogress=end\n')).toEqual([
      { frame: 1, outTimeUs: 40000, end: false },
      { frame: 26, outTimeUs: null, end: true },
    ]);
  });

  it('names why a pull ended', () => {
    expect(exitReason(1, null, ['[rtsp @ 0x1] method DESCRIBE failed: 404 Not Found'])).toBe(
      'RTSP 404 Not Found',
    );
    expect(
      exitReason(1, null, ['[tcp @ 0x1] Connection to tcp://h:1?timeout=5000000 failed: Connection refused']),
    ).toBe('connection refused');
    expect(
      exitReason(1, null, ['[tcp @ 0x1] Connection to tcp://h:1?timeout=5 failed: No route to host']),
    ).toBe('no route to host');
    expect(exitReason(1, null, ['rtsp://h/x: Connection timed out'])).toBe('timeout');
    expect(exitReason(null, 'SIGKILL', [])).toBe('ffmpeg stopped by SIGKILL');
    expect(exitReason(0, null, [])).toBe('the source ended the stream');
    expect(exitReason(183, null, ['something odd'])).toBe('ffmpeg exited with code 183');
  });
});

describe('signed media URLs', () => {
  const secret = Buffer.from('k');
  const now = Date.parse('2026-05-01T08:00:00Z');
  it('verifies for the same user, camera and stream until expiry only', () => {
    const { query, exp } = signStream(secret, 'duty', CAM_A, 'sub', now);
    const q = new URLSearchParams(query);
    const [e, s] = [q.get('exp') ?? '', q.get('sig') ?? ''];
    expect(exp).toBe(now / 1000 + 300);
    expect(verifyStream(secret, 'duty', CAM_A, 'sub', e, s, now)).toBe(true);
    expect(verifyStream(secret, 'duty', CAM_A, 'sub', e, s, now + 300_000)).toBe(true);
    expect(verifyStream(secret, 'duty', CAM_A, 'sub', e, s, now + 301_000)).toBe(false);
    expect(verifyStream(secret, 'other', CAM_A, 'sub', e, s, now)).toBe(false);
    expect(verifyStream(secret, 'duty', CAM_A, 'main', e, s, now)).toBe(false);
    expect(verifyStream(secret, 'duty', CAM_A, 'sub', String(exp + 1), s, now)).toBe(false);
    expect(verifyStream(Buffer.from('j'), 'duty', CAM_A, 'sub', e, s, now)).toBe(false);
    expect(verifyStream(secret, 'duty', CAM_A, 'sub', undefined, s, now)).toBe(false);
  });
  it('signs every URI line of a playlist and nothing else', () => {
    const text = '#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:7\n#EXTINF:1.0,\nseg_7.ts\n#EXTINF:1.0,\nseg_8.ts\n';
    expect(signPlaylist(text, 'exp=1&sig=x')).toBe(
      '#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:7\n#EXTINF:1.0,\nseg_7.ts?exp=1&sig=x\n#EXTINF:1.0,\nseg_8.ts?exp=1&sig=x\n',
    );
    expect(parsePlaylist(text)).toEqual({ sequence: 7, segments: ['seg_7.ts', 'seg_8.ts'] });
  });
});

describe('freeze detection on copied MPEG-TS', () => {
  it('hashes each frame’s coded bytes, not its timestamps or packet counters', () => {
    const a = videoFrameDigests(tsSegment([{ payload: frame(1, 1000), pts: 1000 }]));
    const b = videoFrameDigests(tsSegment([{ payload: frame(1, 1000), pts: 99_000 }], { n: 7 }));
    const c = videoFrameDigests(tsSegment([{ payload: frame(2, 1000), pts: 1000 }]));
    expect(a).toHaveLength(1);
    expect(a[0]?.hash).toBe(b[0]?.hash);
    expect(a[0]?.hash).not.toBe(c[0]?.hash);
    expect(b[0]?.pts).toBe(99_000);
  });

  it('measures how long the same frame repeats, across segments, and resets on change', () => {
    const d = new FreezeDetector();
    expect(d.push(tsSegment(frames(0, 25)))).toBe(0);
    const cc = { n: 0 };
    expect(d.push(tsSegment(frames(25, 25, true), cc))).toBe(24 * 40);
    expect(
      d.push(
        tsSegment(
          frames(50, 25, true).map((f) => ({ ...f, payload: frame(25) })),
          cc,
        ),
      ),
    ).toBe(49 * 40);
    expect(d.push(tsSegment(frames(75, 2)))).toBe(0);
  });

  it('turns a live stream whose picture repeats into stalled/frozen, and back to live', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'media-freeze-'));
    const spawner = fakeSpawner();
    const media = new MediaService(
      {
        hlsDir: dir,
        maxStreams: 1,
        idleMs: 60_000,
        nmsRtmpPort: 1,
        nmsHttpPort: 0,
        ffmpegPath: 'x',
        segmentSeconds: 1,
        listSize: 4,
      },
      { spawn: spawner.spawn, lookupCamera: fakeLookup().lookupCamera },
    );
    try {
      await media.ensureStream(CAM_A);
      const streamDir = path.join(dir, `${CAM_A}_sub`);
      mkdirSync(streamDir, { recursive: true });
      const write = (n: number, seg: Buffer) => {
        writeFileSync(path.join(streamDir, `seg_${n}.ts`), seg);
        writeFileSync(
          path.join(streamDir, 'index.m3u8'),
          `#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:${n}\n#EXTINF:4,\nseg_${n}.ts\n`,
        );
      };
      const args = spawner.last.args;
      const start = Number(args[args.indexOf('-start_number') + 1]);
      let f = 0;
      const tick = setInterval(() => spawner.last.progress(++f), 200);
      try {
        write(start, tsSegment(frames(0, 100, true))); // 4 s of one picture, while frames keep coming
        await vi.waitFor(
          () => expect(media.status(CAM_A)).toMatchObject({ state: 'stalled', reason: 'frozen' }),
          {
            timeout: 4000,
          },
        );
        const since = media.status(CAM_A).stalledSinceMs ?? 0;
        expect(Date.now() - since).toBeGreaterThan(3500);
        // Reading the segment also noted its write time, for the playlist's program date times.
        const first = `seg_${start}.ts`;
        expect(media.segmentTimes(`${CAM_A}_sub`)?.get(first)).toBe(
          statSync(path.join(streamDir, first)).mtimeMs,
        );
        write(start + 1, tsSegment(frames(200, 25)));
        await vi.waitFor(() => expect(media.status(CAM_A).state).toBe('live'), { timeout: 4000 });
      } finally {
        clearInterval(tick);
      }
    } finally {
      await media.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
