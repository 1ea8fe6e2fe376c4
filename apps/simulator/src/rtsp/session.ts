import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { INTERLEAVED_HEADER, type RtpFrame, rechannel } from '../h264/rtp.js';
import type { Stream, Viewer } from '../stream.js';
import type { Transport } from './transport.js';
import type { UdpPair } from './udp.js';

/** Bytes queued on a TCP viewer's socket beyond which frames are skipped until the next IDR. */
const MAX_BACKLOG = 4 * 1024 * 1024;

/**
 * One RTSP session: one client watching one camera stream over TCP (interleaved on its RTSP
 * connection) or UDP (to the client's ports at the connection's address). It is the stream's
 * viewer while playing; a viewer that joins or falls behind waits for the next keyframe.
 */
export class Session implements Viewer {
  readonly id = randomBytes(8).toString('hex');
  state: 'ready' | 'playing' = 'ready';
  lastSeen = Date.now();
  packetsSent = 0;
  framesSkipped = 0;
  private waitingForKey = true;

  constructor(
    readonly stream: Stream,
    public transport: Transport,
    readonly socket: Socket,
    /** IPv4 address of the client, for UDP transport. */
    private readonly clientAddress: string,
    private readonly udp: UdpPair,
  ) {}

  get cameraId(): string {
    return this.stream.cameraId;
  }

  /** Start receiving at the next keyframe. */
  resetToKeyframe(): void {
    this.waitingForKey = true;
  }

  sendFrame(stamped: Buffer, frame: RtpFrame): boolean {
    if (this.socket.destroyed) return false;
    const t = this.transport;
    if (t.kind === 'tcp' && this.socket.writableLength > MAX_BACKLOG) {
      this.waitingForKey = true;
      this.framesSkipped++;
      return false;
    }
    if (this.waitingForKey && !frame.key) return false;
    this.waitingForKey = false;
    const offsets = frame.offsets;
    if (t.kind === 'tcp') {
      this.socket.write(t.rtpChannel === 0 ? stamped : rechannel(stamped, offsets, t.rtpChannel));
    } else {
      for (let i = 0; i < offsets.length; i++) {
        const at = offsets[i]!;
        const len = stamped.readUInt16BE(at + 2);
        this.udp.rtp.send(stamped, at + INTERLEAVED_HEADER, len, t.rtpPort, this.clientAddress);
      }
    }
    this.packetsSent += offsets.length;
    return true;
  }

  sendRtcp(packet: Buffer): void {
    if (this.socket.destroyed || this.waitingForKey) return;
    const t = this.transport;
    if (t.kind === 'udp') {
      this.udp.rtcp.send(packet, t.rtcpPort, this.clientAddress);
      return;
    }
    const head = Buffer.from([0x24, t.rtcpChannel, packet.length >> 8, packet.length & 0xff]);
    this.socket.write(Buffer.concat([head, packet]));
  }

  /** Whether a UDP RTCP packet from `address:port` comes from this session's client. */
  isUdpPeer(address: string, port: number): boolean {
    return (
      this.transport.kind === 'udp' && this.transport.rtcpPort === port && this.clientAddress === address
    );
  }
}
