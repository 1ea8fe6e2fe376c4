/** Seconds between 1900 (NTP epoch) and 1970 (Unix epoch). */
const NTP_OFFSET = 2_208_988_800;
const CNAME = Buffer.from('onpatrol-simulator');

/**
 * An RTCP compound packet: sender report (RFC 3550 6.4.1) then SDES with a CNAME, which RFC 3550
 * requires in every compound packet. Lets clients map RTP time to wall-clock time.
 */
export function senderReport(
  ssrc: number,
  nowMs: number,
  rtpTime: number,
  packets: number,
  octets: number,
): Buffer {
  const sdesLength = Math.ceil((4 + 2 + CNAME.length + 1) / 4) * 4;
  const buf = Buffer.alloc(28 + 4 + sdesLength);
  buf[0] = 0x80;
  buf[1] = 200;
  buf.writeUInt16BE(6, 2);
  buf.writeUInt32BE(ssrc >>> 0, 4);
  const seconds = Math.floor(nowMs / 1000);
  buf.writeUInt32BE((seconds + NTP_OFFSET) >>> 0, 8);
  buf.writeUInt32BE(Math.floor(((nowMs % 1000) / 1000) * 2 ** 32) >>> 0, 12);
  buf.writeUInt32BE(rtpTime >>> 0, 16);
  buf.writeUInt32BE(packets >>> 0, 20);
  buf.writeUInt32BE(octets >>> 0, 24);
  buf[28] = 0x81;
  buf[29] = 202;
  buf.writeUInt16BE(sdesLength / 4, 30);
  buf.writeUInt32BE(ssrc >>> 0, 32);
  buf[36] = 1;
  buf[37] = CNAME.length;
  CNAME.copy(buf, 38);
  return buf;
}
