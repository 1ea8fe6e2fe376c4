import { FPS, PROFILE_SPECS, type Profile } from '../encoder.js';
import { profileLevelId } from '../h264/annexb.js';
import type { Loop } from '../h264/loop.js';
import { CLOCK_RATE, PAYLOAD_TYPE } from '../h264/rtp.js';
import { TRACK } from './url.js';

/** The session description (RFC 4566, RFC 6184 section 8) of one camera stream. */
export function buildSdp(opts: {
  sessionId: string;
  address: string;
  name: string;
  cameraId: string;
  profile: Profile;
  loop: Loop;
}): string {
  const spec = PROFILE_SPECS[opts.profile];
  const ip = opts.address.includes(':') ? 'IP6' : 'IP4';
  const sprop = `${opts.loop.sps.toString('base64')},${opts.loop.pps.toString('base64')}`;
  const name = opts.name.replace(/[\r\n]+/g, ' ') || opts.cameraId;
  return [
    'v=0',
    `o=- ${opts.sessionId} 1 IN ${ip} ${opts.address}`,
    `s=${name}`,
    `i=${opts.cameraId} ${opts.profile} ${spec.width}x${spec.height}`,
    `c=IN ${ip} ${ip === 'IP6' ? '::' : '0.0.0.0'}`,
    't=0 0',
    'a=tool:onpatrol-simulator',
    'a=control:*',
    `m=video 0 RTP/AVP ${PAYLOAD_TYPE}`,
    `a=rtpmap:${PAYLOAD_TYPE} H264/${CLOCK_RATE}`,
    `a=fmtp:${PAYLOAD_TYPE} packetization-mode=1;profile-level-id=${profileLevelId(opts.loop.sps)};sprop-parameter-sets=${sprop}`,
    `a=framerate:${FPS}`,
    `a=control:${TRACK}`,
    '',
  ].join('\r\n');
}
