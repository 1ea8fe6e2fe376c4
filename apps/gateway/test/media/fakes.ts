import { EventEmitter } from 'node:events';
import type { CameraSource, ChildLike } from '../../src/media/types.js';

/** A stand-in for an ffmpeg process: tests drive its progress, stderr and exit. */
export class FakeChild extends EventEmitter implements ChildLike {
  readonly stdout = new EventEmitter() as unknown as NodeJS.ReadableStream;
  readonly stderr = new EventEmitter() as unknown as NodeJS.ReadableStream;
  readonly signals: string[] = [];
  exited = false;

  constructor(readonly args: string[]) {
    super();
  }

  /** One `-progress` block reporting `frame` frames written. */
  progress(frame: number): void {
    this.stdout.emit(
      'data',
      Buffer.from(`frame=${frame}\nout_time_us=${frame * 40_000}\nprogress=continue\n`),
    );
  }

  fail(code: number, stderr = ''): void {
    if (stderr) this.stderr.emit('data', Buffer.from(`${stderr}\n`));
    this.exit(code, null);
  }

  exit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.exited) return;
    this.exited = true;
    this.emit('exit', code, signal);
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): boolean {
    this.signals.push(signal);
    queueMicrotask(() => this.exit(null, signal));
    return true;
  }
}

/** Records every spawn; `last` is the newest process. */
export function fakeSpawner() {
  const children: FakeChild[] = [];
  return {
    children,
    spawn: (args: string[]) => {
      const c = new FakeChild(args);
      children.push(c);
      return c;
    },
    get last(): FakeChild {
      const c = children.at(-1);
      if (!c) throw new Error('nothing spawned');
      return c;
    },
  };
}

export const SET_HOST = '10.20.30.40';
export const SET_PORT = 554;
export const CAM_A = '13090300001310000001';
export const CAM_B = '13090300001310000002';
export const CAM_C = '13090300001310000003';
export const CAM_D = '13090300001310000004';

/** A registry with cameras A–D on one camera set; `urls` overrides a camera's sub URL. */
export function fakeLookup(urls: Record<string, string> = {}) {
  const calls: string[] = [];
  const cameras = new Map<string, CameraSource>(
    [CAM_A, CAM_B, CAM_C, CAM_D].map((id) => [
      id,
      {
        id,
        mainUrl: `rtsp://${SET_HOST}:${SET_PORT}/${id}/main`,
        subUrl: urls[id] ?? `rtsp://${SET_HOST}:${SET_PORT}/${id}/sub`,
        setHost: SET_HOST,
        setPort: SET_PORT,
      },
    ]),
  );
  return {
    calls,
    cameras,
    lookupCamera: async (id: string) => {
      calls.push(id);
      return cameras.get(id);
    },
  };
}

/**
 * A minimal MPEG-TS segment: one video PES (stream 0xE0, PID 0x100) per frame, with the given
 * PTS and payload, padded with adaptation-field stuffing like a real muxer.
 */
export function tsSegment(frames: Array<{ payload: Buffer; pts: number }>, cc = { n: 0 }): Buffer {
  const packets: Buffer[] = [];
  for (const f of frames) {
    const pts = f.pts;
    const ptsBytes = Buffer.from([
      0x21 | ((Math.floor(pts / 2 ** 30) & 0x07) << 1),
      (pts >> 22) & 0xff,
      (((pts >> 15) & 0x7f) << 1) | 1,
      (pts >> 7) & 0xff,
      ((pts & 0x7f) << 1) | 1,
    ]);
    const pes = Buffer.concat([Buffer.from([0, 0, 1, 0xe0, 0, 0, 0x80, 0x80, 5]), ptsBytes, f.payload]);
    for (let off = 0; off < pes.length; off += 184) {
      const chunk = pes.subarray(off, off + 184);
      const head = Buffer.from([0x47, (off === 0 ? 0x40 : 0) | 0x01, 0x00, 0x10 | (cc.n++ & 0x0f)]);
      if (chunk.length === 184) {
        packets.push(Buffer.concat([head, chunk]));
        continue;
      }
      head[3] = 0x30 | (head[3]! & 0x0f);
      const afLen = 183 - chunk.length;
      const af =
        afLen === 0
          ? Buffer.from([0])
          : Buffer.concat([Buffer.from([afLen, 0]), Buffer.alloc(afLen - 1, 0xff)]);
      packets.push(Buffer.concat([head, af, chunk]));
    }
  }
  return Buffer.concat(packets);
}
