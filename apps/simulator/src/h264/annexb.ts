/** H.264 NAL unit types the simulator cares about (ITU-T H.264 table 7-1). */
export const NAL = { SLICE: 1, IDR: 5, SEI: 6, SPS: 7, PPS: 8, AUD: 9 } as const;

const START_CODE = Buffer.from([0, 0, 1]);

/** NAL unit type: the low five bits of the first byte. */
export function nalType(nal: Uint8Array): number {
  return (nal[0] ?? 0) & 0x1f;
}

/**
 * Split an Annex-B byte stream into NAL units (views into `buf`, start codes removed). Trailing
 * zero bytes belong to the next 4-byte start code: a NAL unit never ends in 0x00 in a byte stream.
 */
export function splitAnnexB(buf: Buffer): Buffer[] {
  const nals: Buffer[] = [];
  let start = buf.indexOf(START_CODE);
  while (start !== -1) {
    const from = start + 3;
    const next = buf.indexOf(START_CODE, from);
    let end = next === -1 ? buf.length : next;
    while (end > from && buf[end - 1] === 0) end--;
    if (end > from) nals.push(buf.subarray(from, end));
    start = next;
  }
  return nals;
}

function isVcl(type: number): boolean {
  return type >= NAL.SLICE && type <= NAL.IDR;
}

/**
 * Group NAL units into access units (one picture each, H.264 7.4.1.2.3). A VCL NAL starts a new
 * picture when first_mb_in_slice is 0, i.e. the first bit of its slice header (ue(v) "1") is set;
 * x264's sliced threads put several slices in one picture, so the NAL type alone is not enough.
 */
export function groupAccessUnits(nals: Buffer[]): Buffer[][] {
  const units: Buffer[][] = [];
  let current: Buffer[] = [];
  let hasVcl = false;
  for (const nal of nals) {
    const type = nalType(nal);
    const vcl = isVcl(type);
    const firstSlice = vcl && ((nal[1] ?? 0) & 0x80) !== 0;
    const startsUnit = vcl
      ? firstSlice
      : type === NAL.AUD ||
        type === NAL.SEI ||
        type === NAL.SPS ||
        type === NAL.PPS ||
        (type >= 14 && type <= 18);
    if (hasVcl && startsUnit) {
      units.push(current);
      current = [];
      hasVcl = false;
    }
    current.push(nal);
    if (vcl) hasVcl = true;
  }
  if (hasVcl) units.push(current);
  return units;
}

/** profile-level-id for the SDP: profile_idc, constraint flags and level_idc of the SPS, in hex. */
export function profileLevelId(sps: Buffer): string {
  return sps.subarray(1, 4).toString('hex');
}
