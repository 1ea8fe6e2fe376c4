import type { Profile } from './encoder.js';
import type { Faults } from './faults.js';
import type { Loop } from './h264/loop.js';
import type { Pacer } from './pacer.js';
import { type Counters, Stream, type Viewer } from './stream.js';

/**
 * The streams in use, one per camera+profile however many sessions watch it. A stream exists
 * while a session is set up on it and is paced while one plays it.
 */
export class StreamHub {
  private readonly streams = new Map<string, Stream>();
  readonly totals: Counters = { packetsSent: 0, bytesSent: 0, framesSent: 0 };

  constructor(
    private readonly pacer: Pacer,
    private readonly faults: Faults,
  ) {}

  /** The shared stream of a camera's profile, created on first use; pair with `release`. */
  acquire(cameraId: string, profile: Profile, loop: Loop): Stream {
    const key = `${cameraId}/${profile}`;
    let stream = this.streams.get(key);
    if (!stream) {
      stream = new Stream(cameraId, profile, loop, () => this.faults.mode(cameraId), this.totals);
      this.streams.set(key, stream);
    }
    stream.refs++;
    return stream;
  }

  release(stream: Stream): void {
    if (--stream.refs > 0) return;
    this.pacer.delete(stream);
    if (this.streams.get(stream.key) === stream) this.streams.delete(stream.key);
  }

  play(stream: Stream, viewer: Viewer): void {
    stream.viewers.add(viewer);
    this.pacer.add(stream);
  }

  stop(stream: Stream, viewer: Viewer): void {
    stream.viewers.delete(viewer);
    if (stream.viewers.size === 0) this.pacer.delete(stream);
  }

  get(cameraId: string, profile: Profile): Stream | undefined {
    return this.streams.get(`${cameraId}/${profile}`);
  }

  all(): IterableIterator<Stream> {
    return this.streams.values();
  }

  get count(): number {
    return this.streams.size;
  }

  /** Streams with at least one playing viewer. */
  get playing(): number {
    return this.pacer.size;
  }
}
