import { groupAccessUnits, NAL, nalType, splitAnnexB } from './annexb.js';
import { packetizeAccessUnit, type RtpFrame } from './rtp.js';

/** A pre-encoded clip held in memory as RTP-ready frames, played over and over. */
export interface Loop {
  frames: RtpFrame[];
  sps: Buffer;
  pps: Buffer;
  /** For each frame index, the index of the last keyframe at or before it. */
  keyAtOrBefore: Uint16Array;
  /** Total size of the packetized frames. */
  bytes: number;
}

/** Named error for an encode that is not a usable loop. */
export class LoopError extends Error {
  override name = 'LoopError';
}

/**
 * Parse an Annex-B clip into a loop. SEI and AUD units are dropped (x264's version SEI would
 * repeat every lap); every keyframe carries SPS and PPS in band so a viewer can join at any IDR.
 */
export function loopFromAnnexB(buf: Buffer, maxPayload?: number): Loop {
  const nals = splitAnnexB(buf).filter((n) => nalType(n) !== NAL.SEI && nalType(n) !== NAL.AUD);
  const sps = nals.find((n) => nalType(n) === NAL.SPS);
  const pps = nals.find((n) => nalType(n) === NAL.PPS);
  if (!sps || !pps) throw new LoopError('the clip has no SPS or PPS');
  const units = groupAccessUnits(nals);
  const first = units.findIndex((u) => u.some((n) => nalType(n) === NAL.IDR));
  if (first === -1) throw new LoopError('the clip has no IDR picture');
  const frames = units.slice(first).map((unit) => {
    const idr = unit.some((n) => nalType(n) === NAL.IDR);
    const hasParams = unit.some((n) => nalType(n) === NAL.SPS);
    const vcl = unit.filter((n) => nalType(n) !== NAL.SPS && nalType(n) !== NAL.PPS);
    return packetizeAccessUnit(idr && !hasParams ? [sps, pps, ...vcl] : unit, maxPayload);
  });
  const keyAtOrBefore = new Uint16Array(frames.length);
  let key = 0;
  frames.forEach((f, i) => {
    if (f.key) key = i;
    keyAtOrBefore[i] = key;
  });
  // Copies: the views would keep the whole clip buffer alive.
  return {
    frames,
    sps: Buffer.from(sps),
    pps: Buffer.from(pps),
    keyAtOrBefore,
    bytes: frames.reduce((s, f) => s + f.data.length, 0),
  };
}
