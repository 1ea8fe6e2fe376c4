import { createHash, type Hash } from 'node:crypto';

const TS_PACKET = 188;
const PTS_WRAP = 2 ** 33;

/** One video access unit of an MPEG-TS segment: the hash of its bytes (timestamps excluded) and PTS. */
export interface FrameDigest {
  hash: string;
  /** 90 kHz presentation timestamp, null when the PES carries none. */
  pts: number | null;
}

function readPts(b: Buffer, at: number): number {
  // 33 bits spread over 5 bytes with marker bits; multiply instead of shifting past 32 bits.
  return (
    ((b[at]! >> 1) & 0x07) * 2 ** 30 +
    (b[at + 1]! << 22) +
    ((b[at + 2]! >> 1) << 15) +
    (b[at + 3]! << 7) +
    (b[at + 4]! >> 1)
  );
}

/**
 * Hashes every video frame of an MPEG-TS segment as it was copied from the camera. Only the PES
 * payload is hashed — TS headers, continuity counters and PES timestamps are left out — so two
 * frames hash alike exactly when the camera sent the same coded bytes twice.
 */
export function videoFrameDigests(ts: Buffer): FrameDigest[] {
  const out: FrameDigest[] = [];
  let videoPid = -1;
  let current: { hash: Hash; pts: number | null } | null = null;
  const finish = () => {
    if (current) out.push({ hash: current.hash.digest('hex'), pts: current.pts });
    current = null;
  };
  for (let off = 0; off + TS_PACKET <= ts.length; off += TS_PACKET) {
    if (ts[off] !== 0x47) break;
    const b1 = ts[off + 1]!;
    const pusi = (b1 & 0x40) !== 0;
    const pid = ((b1 & 0x1f) << 8) | ts[off + 2]!;
    const afc = (ts[off + 3]! >> 4) & 0x03;
    if ((afc & 0x01) === 0) continue;
    let p = off + 4;
    if (afc & 0x02) p += 1 + ts[p]!;
    const end = off + TS_PACKET;
    if (p >= end) continue;
    const isVideoPesStart =
      pusi && ts[p] === 0 && ts[p + 1] === 0 && ts[p + 2] === 1 && (ts[p + 3]! & 0xf0) === 0xe0;
    if (isVideoPesStart && (videoPid === -1 || pid === videoPid)) {
      finish();
      videoPid = pid;
      const hasPts = (ts[p + 7]! & 0x80) !== 0;
      const dataStart = p + 9 + ts[p + 8]!;
      current = { hash: createHash('sha1'), pts: hasPts ? readPts(ts, p + 9) : null };
      if (dataStart < end) current.hash.update(ts.subarray(dataStart, end));
    } else if (pid === videoPid && current) {
      current.hash.update(ts.subarray(p, end));
    }
  }
  finish();
  return out;
}

/**
 * Tells a frozen source from a live one with `-c copy`: a live encoder never emits the same coded
 * frame twice in a row (frame_num/POC in every slice header change even on a still scene), while
 * a replayed picture repeats byte for byte. Fed segment by segment; state carries across segments.
 */
export class FreezeDetector {
  private lastHash: string | null = null;
  private lastPts: number | null = null;
  private runStartPts: number | null = null;
  private runFrames = 0;
  private frozenMs = 0;

  /** Feed one segment; returns how long the picture has been repeating (0 when it changes). */
  push(segment: Buffer): number {
    for (const f of videoFrameDigests(segment)) this.pushFrame(f);
    return this.frozenMs;
  }

  pushFrame(f: FrameDigest): void {
    if (f.hash === this.lastHash) {
      if (this.runStartPts === null) {
        this.runStartPts = this.lastPts ?? f.pts;
        this.runFrames = 1;
      }
      this.runFrames += 1;
      if (f.pts !== null && this.runStartPts !== null) {
        this.frozenMs = ((((f.pts - this.runStartPts) % PTS_WRAP) + PTS_WRAP) % PTS_WRAP) / 90;
      } else {
        this.frozenMs = (this.runFrames - 1) * 40; // no timestamps: assume 25 fps
      }
    } else {
      this.runStartPts = null;
      this.runFrames = 0;
      this.frozenMs = 0;
    }
    this.lastHash = f.hash;
    this.lastPts = f.pts;
  }

  get frozenForMs(): number {
    return this.frozenMs;
  }

  reset(): void {
    this.lastHash = null;
    this.lastPts = null;
    this.runStartPts = null;
    this.runFrames = 0;
    this.frozenMs = 0;
  }
}
