import { NAL, nalType } from './annexb.js';

export const PAYLOAD_TYPE = 96;
export const CLOCK_RATE = 90_000;
/** Largest RTP payload: keeps packets under a 1500-byte Ethernet MTU with IP/UDP headers. */
export const MAX_PAYLOAD = 1400;
export const RTP_HEADER = 12;
/** '$', channel, 16-bit length: RTSP interleaved framing (RFC 2326 10.12). */
export const INTERLEAVED_HEADER = 4;
const FU_A = 28;

/**
 * One access unit as ready-made RTP packets laid back to back, each behind an interleaved header
 * for channel 0, so a TCP viewer gets the whole frame in one write and a UDP viewer gets slices
 * of the same buffer. Sequence number, timestamp and SSRC are left 0 for `stampFrame`.
 */
export interface RtpFrame {
  key: boolean;
  data: Buffer;
  /** Offset of each packet's interleaved header in `data`. */
  offsets: Uint32Array;
}

function packetCount(len: number, maxPayload: number): number {
  return len <= maxPayload ? 1 : Math.ceil((len - 1) / (maxPayload - 2));
}

/**
 * Packetize one access unit (RFC 6184, packetization mode 1): a NAL unit that fits is sent as a
 * single NAL unit packet, a larger one as FU-A fragments; the marker bit is set on the last packet.
 */
export function packetizeAccessUnit(nals: Buffer[], maxPayload = MAX_PAYLOAD): RtpFrame {
  let count = 0;
  let size = 0;
  for (const nal of nals) {
    const n = packetCount(nal.length, maxPayload);
    count += n;
    size +=
      n === 1
        ? INTERLEAVED_HEADER + RTP_HEADER + nal.length
        : n * (INTERLEAVED_HEADER + RTP_HEADER + 2) + nal.length - 1;
  }
  const data = Buffer.alloc(size);
  const offsets = new Uint32Array(count);
  let pos = 0;
  let index = 0;
  const header = (payloadLength: number) => {
    offsets[index++] = pos;
    data[pos] = 0x24;
    data.writeUInt16BE(RTP_HEADER + payloadLength, pos + 2);
    data[pos + 4] = 0x80;
    data[pos + 5] = PAYLOAD_TYPE;
    pos += INTERLEAVED_HEADER + RTP_HEADER;
  };
  for (const nal of nals) {
    if (nal.length <= maxPayload) {
      header(nal.length);
      pos += nal.copy(data, pos);
      continue;
    }
    const indicator = (nal[0]! & 0xe0) | FU_A;
    const type = nal[0]! & 0x1f;
    for (let from = 1; from < nal.length; from += maxPayload - 2) {
      const to = Math.min(from + maxPayload - 2, nal.length);
      header(to - from + 2);
      data[pos] = indicator;
      data[pos + 1] = (from === 1 ? 0x80 : 0) | (to === nal.length ? 0x40 : 0) | type;
      pos += 2 + nal.copy(data, pos + 2, from, to);
    }
  }
  data[offsets[count - 1]! + INTERLEAVED_HEADER + 1]! |= 0x80;
  return { key: nals.some((n) => nalType(n) === NAL.IDR), data, offsets };
}

/**
 * Copy `frame` into a fresh buffer with sequence numbers, timestamp and SSRC filled in; one
 * allocation per frame, shared by every viewer of the stream. Returns the buffer.
 */
export function stampFrame(frame: RtpFrame, firstSeq: number, timestamp: number, ssrc: number): Buffer {
  const out = Buffer.allocUnsafe(frame.data.length);
  frame.data.copy(out);
  let seq = firstSeq;
  for (let i = 0; i < frame.offsets.length; i++) {
    const at = frame.offsets[i]! + INTERLEAVED_HEADER;
    out.writeUInt16BE(seq, at + 2);
    out.writeUInt32BE(timestamp >>> 0, at + 4);
    out.writeUInt32BE(ssrc >>> 0, at + 8);
    seq = (seq + 1) & 0xffff;
  }
  return out;
}

/** The same packets framed for another interleaved channel (a client that did not ask for 0). */
export function rechannel(stamped: Buffer, offsets: Uint32Array, channel: number): Buffer {
  const out = Buffer.from(stamped);
  for (let i = 0; i < offsets.length; i++) out[offsets[i]! + 1] = channel;
  return out;
}

/** The RTP packets of a frame without their interleaved headers (views, no copies). */
export function rtpPackets(buf: Buffer, offsets: Uint32Array): Buffer[] {
  return Array.from(offsets, (o) =>
    buf.subarray(o + INTERLEAVED_HEADER, o + INTERLEAVED_HEADER + buf.readUInt16BE(o + 2)),
  );
}
