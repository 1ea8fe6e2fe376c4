import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listLookup, RtspTestClient, startSimulator } from '../src/index.js';
import {
  CACHE_DIR,
  CAMERAS,
  probe,
  run,
  sleep,
  startTestSim,
  type TestSim,
  UNKNOWN,
  until,
} from './helpers.js';

let sim: TestSim;
const [cam1, cam2] = CAMERAS;

beforeAll(async () => {
  sim = await startTestSim();
});
afterAll(async () => {
  await sim?.close();
});

describe('real RTSP clients', () => {
  it.each([
    ['main', 'tcp', 1280, 720],
    ['sub', 'tcp', 640, 360],
    ['main', 'udp', 1280, 720],
    ['sub', 'udp', 640, 360],
  ] as const)('ffprobe reads the %s stream over %s', async (profile, transport, width, height) => {
    const info = await probe(sim.url(cam1!.id, profile), transport);
    expect(info).toMatchObject({ ok: true, codec_name: 'h264', width, height, r_frame_rate: '25/1' });
  });

  it('ffmpeg decodes 25 frames a second for 3 s', async () => {
    const r = await run('ffmpeg', [
      '-v',
      'error',
      '-rtsp_transport',
      'tcp',
      '-i',
      sim.url(cam1!.id, 'sub'),
      '-t',
      '3',
      '-f',
      'framemd5',
      '-',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const frames = r.stdout.split('\n').filter((l) => /^\d/.test(l));
    expect(frames.length).toBeGreaterThanOrEqual(60);
    expect(new Set(frames.map((l) => l.split(',').at(-1))).size).toBeGreaterThan(frames.length / 2);
  });

  // A second, independent RTSP stack: GStreamer's rtspsrc negotiates, receives and depacketizes
  // 50 H.264 access units (2 s at 25 fps), then the pipeline ends on its own (EOS).
  it.each(['tcp', 'udp'] as const)('GStreamer receives H.264 access units over %s', async (transport) => {
    const r = await run('gst-launch-1.0', [
      '-v',
      'rtspsrc',
      `location=${sim.url(cam1!.id, 'sub')}`,
      `protocols=${transport}`,
      'latency=0',
      '!',
      'rtph264depay',
      '!',
      'video/x-h264,alignment=au',
      '!',
      'fakesink',
      'num-buffers=50',
    ]);
    // All 50 access units arrived: the sink ended the pipeline.
    expect(r.stdout, r.stderr).toMatch(/Got EOS from element "pipeline0"/);
    // gst-launch tears the session down after EOS and sometimes races itself (its PAUSE meets
    // the connection its TEARDOWN already closed: "Could not send message (Received end-of-file)"
    // from gst_rtspsrc_pause). That, and only that, may follow the EOS; any other error fails.
    if (r.code !== 0) {
      const sources = [...r.stderr.matchAll(/\): (gst_\w+) \(\)/g)].map((m) => m[1]);
      expect(sources.length, r.stderr).toBeGreaterThan(0);
      expect(new Set(sources), r.stderr).toEqual(new Set(['gst_rtspsrc_try_send', 'gst_rtspsrc_pause']));
      expect(r.stderr).toMatch(/Could not send message\. \(Received end-of-file\)/);
    }
    expect(r.stdout).toMatch(/video\/x-h264, stream-format=\(string\)(avc|byte-stream)/);
  });

  it('puts a keyframe every second', async () => {
    const r = await run('ffprobe', [
      ...['-v', 'error', '-rtsp_transport', 'tcp', '-skip_frame', 'nokey', '-select_streams', 'v:0'],
      ...[
        '-read_intervals',
        '%+3.2',
        '-show_frames',
        '-show_entries',
        'frame=pts_time,key_frame',
        '-of',
        'json',
      ],
      sim.url(cam1!.id, 'sub'),
    ]);
    expect(r.code, r.stderr).toBe(0);
    const times = (JSON.parse(r.stdout).frames as { pts_time?: string; key_frame: number }[])
      .filter((f) => f.key_frame === 1 && f.pts_time !== undefined)
      .map((f) => Number(f.pts_time));
    expect(times.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeCloseTo(1, 2);
  });
});

describe('RTSP protocol', () => {
  it('answers OPTIONS with its methods and echoes CSeq', async () => {
    const c = await RtspTestClient.connect('127.0.0.1', sim.rtspPort);
    const r = await c.request('OPTIONS', '*', { CSeq: '42' });
    expect(r.status).toBe(200);
    expect(r.headers.get('cseq')).toBe('42');
    expect(r.headers.get('public')).toContain('GET_PARAMETER');
    await c.close();
  });

  it('describes a stream with H.264 parameters and answers 404 for unknown cameras and paths', async () => {
    const c = await RtspTestClient.connect('127.0.0.1', sim.rtspPort);
    const ok = await c.request('DESCRIBE', sim.url(cam1!.id, 'sub'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/sdp');
    expect(ok.body).toMatch(/a=rtpmap:96 H264\/90000/);
    expect(ok.body).toMatch(
      /a=fmtp:96 packetization-mode=1;profile-level-id=42[0-9a-f]{4};sprop-parameter-sets=Z\S+,aM\S+/,
    );
    expect(ok.body).toContain(`s=${cam1!.name}`);
    for (const url of [
      sim.url(UNKNOWN),
      `rtsp://127.0.0.1:${sim.rtspPort}/${cam1!.id}/hd`,
      `rtsp://127.0.0.1:${sim.rtspPort}/x`,
    ]) {
      expect((await c.request('DESCRIBE', url)).status, url).toBe(404);
    }
    expect((await c.request('PLAY', sim.url(cam1!.id), { Session: 'nosuchsession' })).status).toBe(454);
    expect((await c.request('RECORD', sim.url(cam1!.id))).status).toBe(405);
    expect((await c.request('SETUP', sim.url(cam1!.id), { Transport: 'RTP/AVP;multicast' })).status).toBe(
      461,
    );
    await c.close();
  });

  it('answers 400 without CSeq to a request that has none', async () => {
    const socket = net.connect(sim.rtspPort, '127.0.0.1');
    const data = new Promise<string>((resolve) => socket.once('data', (d) => resolve(d.toString())));
    socket.write('OPTIONS * RTSP/1.0\r\n\r\n');
    const text = await data;
    socket.destroy();
    expect(text).toMatch(/^RTSP\/1.0 400 /);
    expect(text).not.toMatch(/CSeq/i);
  });

  it('shares one loop and one clock between viewers, continuous across laps', async () => {
    const a = await RtspTestClient.connect('127.0.0.1', sim.rtspPort);
    const b = await RtspTestClient.connect('127.0.0.1', sim.rtspPort);
    await a.play(sim.url(cam2!.id, 'main'));
    await b.play(sim.url(cam2!.id, 'main'));
    const stats = (await sim.control('GET', '/stats')).body;
    expect(stats).toMatchObject({ activeStreams: 1, sessions: 2, playingSessions: 2 });
    // Longer than the 2 s loop, so the wrap from its last frame to its first is crossed.
    await until('3 s of frames', () => a.stats.frames >= 75 && b.stats.frames >= 50);
    expect(a.stats.ssrc).toBe(b.stats.ssrc);
    for (const s of [a.stats, b.stats]) {
      expect(s.seqGaps).toBe(0);
      expect(((s.lastTimestamp! - s.firstTimestamp!) >>> 0) / 3600).toBe(s.frames - 1);
      expect(s.keyframes).toBeGreaterThanOrEqual(Math.floor(s.frames / 25));
    }
    expect((await a.request('TEARDOWN', sim.url(cam2!.id, 'main'))).status).toBe(200);
    expect((await sim.control('GET', '/stats')).body).toMatchObject({ activeStreams: 1, sessions: 1 });
    await b.close();
    await a.close();
    await until('streams to stop', async () => (await sim.control('GET', '/stats')).body.activeStreams === 0);
    await sleep(0);
  });
});

describe('session timeout', () => {
  it('closes a silent session and keeps one that sends GET_PARAMETER', async () => {
    const short = await startSimulator({
      rtspPort: 0,
      controlPort: 0,
      udpPort: 0,
      cacheDir: CACHE_DIR,
      lookup: listLookup(CAMERAS),
      sessionTimeoutSec: 1,
    });
    try {
      const silent = await RtspTestClient.connect('127.0.0.1', short.rtspPort);
      const chatty = await RtspTestClient.connect('127.0.0.1', short.rtspPort);
      await silent.play(short.url(cam1!.id, 'sub'));
      await chatty.play(short.url(cam1!.id, 'sub'));
      let alive = true;
      const keepAlive = (async () => {
        while (alive) {
          expect((await chatty.request('GET_PARAMETER', short.url(cam1!.id, 'sub'))).status).toBe(200);
          await sleep(300);
        }
      })();
      await silent.closed;
      const frames = chatty.stats.frames;
      await until('more frames on the kept session', () => chatty.stats.frames > frames + 10);
      alive = false;
      await keepAlive;
      await chatty.close();
    } finally {
      await short.close();
    }
  });
});
