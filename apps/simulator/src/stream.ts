import { randomBytes } from 'node:crypto';
import type { Profile } from './encoder.js';
import type { FaultMode } from './faults.js';
import type { Loop } from './h264/loop.js';
import { CLOCK_RATE, INTERLEAVED_HEADER, RTP_HEADER, type RtpFrame, stampFrame } from './h264/rtp.js';
import { senderReport } from './rtsp/rtcp.js';

export const FRAME_TICKS = CLOCK_RATE / 25;
/** Frames between RTCP sender reports (5 s). */
const SR_EVERY = 125;

/** Someone who receives a stream's packets: a playing RTSP session. */
export interface Viewer {
  /** Send one stamped frame (interleaved framing on channel 0); false when it was skipped. */
  sendFrame(stamped: Buffer, frame: RtpFrame): boolean;
  sendRtcp(packet: Buffer): void;
}

/** Where the first packet a viewer joining now will get stands: for RTP-Info. */
export interface StartPoint {
  seq: number;
  rtptime: number;
}

/** Totals over every stream, past and present. */
export interface Counters {
  packetsSent: number;
  bytesSent: number;
  framesSent: number;
}

const random32 = () => randomBytes(4).readUInt32BE(0);

/**
 * One camera's main or sub stream: one loop, one sequence/timestamp clock and one SSRC shared by
 * every viewer, advanced one frame per pacer tick. Timestamps and sequence numbers run on across
 * laps of the loop; a fault changes which frame is sent (freeze) or whether any is (drop).
 */
export class Stream {
  readonly ssrc = random32();
  readonly viewers = new Set<Viewer>();
  /** Sessions set up on this stream, playing or not. */
  refs = 0;
  packetsSent = 0;
  bytesSent = 0;
  framesSent = 0;
  private seq = random32() & 0xffff;
  private ts = random32();
  private pos = 0;
  private frozen = false;
  private resync = false;
  private sentPackets = 0;
  private sentOctets = 0;
  private untilReport = 1;

  constructor(
    readonly cameraId: string,
    readonly profile: Profile,
    readonly loop: Loop,
    private readonly mode: () => FaultMode,
    private readonly totals: Counters,
  ) {}

  get key(): string {
    return `${this.cameraId}/${this.profile}`;
  }

  /** Sequence number and RTP time of the next keyframe, where a new viewer starts. */
  nextStart(): StartPoint {
    const { frames, keyAtOrBefore } = this.loop;
    let i = this.frozen || this.mode() === 'freeze' ? 0 : this.resync ? keyAtOrBefore[this.pos]! : this.pos;
    let seq = this.seq;
    let rtptime = this.ts;
    for (let n = 0; n < frames.length && !frames[i]!.key; n++) {
      seq = (seq + frames[i]!.offsets.length) & 0xffff;
      rtptime = (rtptime + FRAME_TICKS) >>> 0;
      i = (i + 1) % frames.length;
    }
    return { seq, rtptime };
  }

  /** Send the next frame to every viewer; called once per frame interval by the pacer. */
  tick(): void {
    const frames = this.loop.frames;
    const ts = this.ts;
    this.ts = (ts + FRAME_TICKS) >>> 0;
    const mode = this.mode();
    if (mode === 'drop' || mode === 'offline') {
      // Time runs on while nothing is sent; on resume, start at a keyframe so pictures are whole.
      this.pos = (this.pos + 1) % frames.length;
      this.resync = !this.frozen;
      return;
    }
    let index: number;
    if (mode === 'freeze') {
      // The loop's first IDR over and over: a frozen picture while packets keep flowing.
      index = 0;
      this.frozen = true;
    } else {
      // After a freeze the decoder holds frame 0, which frame 1 predicts from.
      if (this.frozen) this.pos = 1 % frames.length;
      else if (this.resync) this.pos = this.loop.keyAtOrBefore[this.pos]!;
      this.frozen = false;
      this.resync = false;
      index = this.pos;
      this.pos = (this.pos + 1) % frames.length;
    }
    const frame = frames[index]!;
    const count = frame.offsets.length;
    const stamped = stampFrame(frame, this.seq, ts, this.ssrc);
    this.seq = (this.seq + count) & 0xffff;
    this.sentPackets += count;
    this.sentOctets += frame.data.length - count * (INTERLEAVED_HEADER + RTP_HEADER);
    const bytes = stamped.length - count * INTERLEAVED_HEADER;
    let delivered = 0;
    for (const viewer of this.viewers) if (viewer.sendFrame(stamped, frame)) delivered++;
    this.packetsSent += delivered * count;
    this.bytesSent += delivered * bytes;
    this.framesSent += delivered;
    this.totals.packetsSent += delivered * count;
    this.totals.bytesSent += delivered * bytes;
    this.totals.framesSent += delivered;
    if (--this.untilReport === 0) {
      this.untilReport = SR_EVERY;
      const sr = senderReport(this.ssrc, Date.now(), ts, this.sentPackets, this.sentOctets);
      for (const viewer of this.viewers) viewer.sendRtcp(sr);
    }
  }
}
