import { describe, expect, it } from 'vitest';
import { groupAccessUnits, NAL, nalType, profileLevelId, splitAnnexB } from '../src/h264/annexb.js';
import { loopFromAnnexB } from '../src/h264/loop.js';
import {
  INTERLEAVED_HEADER,
  packetizeAccessUnit,
  RTP_HEADER,
  rechannel,
  rtpPackets,
  stampFrame,
} from '../src/h264/rtp.js';

const sps = Buffer.from([0x67, 0x42, 0xc0, 0x1f, 0xd9, 0x01]);
const pps = Buffer.from([0x68, 0xce, 0x0f, 0xc8]);
const sei = Buffer.from([0x06, 0x05, 0x01, 0x80]);
// Slices: the high bit of the second byte is first_mb_in_slice == 0 (a new picture).
const idr = (first: boolean, size = 8) =>
  Buffer.concat([Buffer.from([0x65, first ? 0x88 : 0x12]), Buffer.alloc(size, 0x5a)]);
const p = (first: boolean, size = 8) =>
  Buffer.concat([Buffer.from([0x41, first ? 0x9a : 0x24]), Buffer.alloc(size, 0xa5)]);

function annexB(nals: Buffer[], long = false): Buffer {
  const code = Buffer.from(long ? [0, 0, 0, 1] : [0, 0, 1]);
  return Buffer.concat(nals.flatMap((n, i) => [i % 2 && !long ? Buffer.from([0, 0, 0, 1]) : code, n]));
}

describe('splitAnnexB', () => {
  it('splits on 3- and 4-byte start codes and keeps payload bytes intact', () => {
    const nals = [sps, pps, idr(true), p(true)];
    for (const long of [false, true]) {
      const out = splitAnnexB(annexB(nals, long));
      expect(out.map((b) => b.toString('hex'))).toEqual(nals.map((b) => b.toString('hex')));
    }
  });

  it('ignores bytes before the first start code and empty units', () => {
    const buf = Buffer.concat([
      Buffer.from([9, 9]),
      annexB([sps]),
      Buffer.from([0, 0, 1, 0, 0, 1]),
      annexB([pps]),
    ]);
    expect(splitAnnexB(buf).map(nalType)).toEqual([NAL.SPS, NAL.PPS]);
  });
});

describe('groupAccessUnits', () => {
  it('keeps the slices of one picture together and starts a picture at parameter sets', () => {
    const units = groupAccessUnits([
      sps,
      pps,
      sei,
      idr(true),
      idr(false),
      p(true),
      p(false),
      p(false),
      p(true),
      sps,
      pps,
      idr(true),
    ]);
    expect(units.map((u) => u.map(nalType))).toEqual([
      [NAL.SPS, NAL.PPS, NAL.SEI, NAL.IDR, NAL.IDR],
      [NAL.SLICE, NAL.SLICE, NAL.SLICE],
      [NAL.SLICE],
      [NAL.SPS, NAL.PPS, NAL.IDR],
    ]);
  });
});

describe('loopFromAnnexB', () => {
  it('drops SEI, puts SPS/PPS before every IDR and indexes keyframes', () => {
    const loop = loopFromAnnexB(
      annexB([p(true), sps, pps, sei, idr(true), p(true), p(true), idr(true), p(true)]),
    );
    expect(loop.frames.map((f) => f.key)).toEqual([true, false, false, true, false]);
    expect(Array.from(loop.keyAtOrBefore)).toEqual([0, 0, 0, 3, 3]);
    const second = rtpPackets(loop.frames[3]!.data, loop.frames[3]!.offsets).map((pk) =>
      nalType(pk.subarray(RTP_HEADER)),
    );
    expect(second).toEqual([NAL.SPS, NAL.PPS, NAL.IDR]);
    expect(profileLevelId(loop.sps)).toBe('42c01f');
  });

  it('refuses a clip without parameter sets or IDR', () => {
    expect(() => loopFromAnnexB(annexB([p(true)]))).toThrow(/SPS/);
    expect(() => loopFromAnnexB(annexB([sps, pps, p(true)]))).toThrow(/IDR/);
  });
});

describe('packetizeAccessUnit (RFC 6184 mode 1)', () => {
  it('sends small NAL units whole and fragments large ones as FU-A that reassemble exactly', () => {
    const big = Buffer.concat([
      Buffer.from([0x65, 0x88]),
      Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 251)),
    ]);
    const frame = packetizeAccessUnit([sps, pps, big], 1400);
    const packets = rtpPackets(frame.data, frame.offsets);
    expect(frame.key).toBe(true);
    expect(packets).toHaveLength(2 + Math.ceil((big.length - 1) / 1398));
    expect(packets[0]!.subarray(RTP_HEADER)).toEqual(sps);
    const fus = packets.slice(2);
    for (const [i, pk] of fus.entries()) {
      expect(pk.length).toBeLessThanOrEqual(RTP_HEADER + 1400);
      expect(pk[RTP_HEADER]).toBe((0x65 & 0xe0) | 28); // indicator: NRI of the NAL, type FU-A
      expect(pk[RTP_HEADER + 1]! & 0x1f).toBe(5);
      expect(Boolean(pk[RTP_HEADER + 1]! & 0x80)).toBe(i === 0); // S
      expect(Boolean(pk[RTP_HEADER + 1]! & 0x40)).toBe(i === fus.length - 1); // E
    }
    const rebuilt = Buffer.concat([Buffer.from([0x65]), ...fus.map((pk) => pk.subarray(RTP_HEADER + 2))]);
    expect(rebuilt.equals(big)).toBe(true);
    // Version 2, payload type 96, marker only on the last packet of the access unit.
    expect(packets.map((pk) => pk[0])).toEqual(packets.map(() => 0x80));
    expect(packets.map((pk) => pk[1])).toEqual([...packets.slice(1).map(() => 96), 96 | 0x80]);
  });

  it('stamps sequence numbers, timestamp and SSRC into a copy, wrapping at 65535', () => {
    const frame = packetizeAccessUnit([idr(true, 3000)], 1400);
    const out = stampFrame(frame, 65534, 0xfffff000 + 3600, 0xdeadbeef);
    const packets = rtpPackets(out, frame.offsets);
    expect(packets.map((pk) => pk.readUInt16BE(2))).toEqual([65534, 65535, 0]);
    expect(new Set(packets.map((pk) => pk.readUInt32BE(4)))).toEqual(new Set([(0xfffff000 + 3600) >>> 0]));
    expect(packets.every((pk) => pk.readUInt32BE(8) === 0xdeadbeef)).toBe(true);
    expect(frame.data.readUInt16BE(INTERLEAVED_HEADER + 2)).toBe(0); // the template is untouched
    const moved = rechannel(out, frame.offsets, 4);
    expect(Array.from(frame.offsets, (o) => [moved[o], moved[o + 1]])).toEqual([
      [0x24, 4],
      [0x24, 4],
      [0x24, 4],
    ]);
  });
});
