import dgram from 'node:dgram';
import type { Logger } from 'pino';

const PAIR_ATTEMPTS = 20;

function bind(socket: dgram.Socket, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    socket.once('error', onError);
    socket.bind(port, host, () => {
      socket.off('error', onError);
      resolve(socket.address().port);
    });
  });
}

/**
 * The server's RTP and RTCP sockets for UDP transport, shared by every UDP session: RTP on an
 * even port, RTCP on the next one (RFC 3550 11). Receiving only matters for keep-alive: a client's
 * RTCP receiver reports count as activity of its session.
 */
export class UdpPair {
  rtp!: dgram.Socket;
  rtcp!: dgram.Socket;

  private constructor(private readonly log: Logger) {}

  /** Bind the pair at `port`/`port + 1`, or at a free even/odd pair when `port` is 0. */
  static async open(
    host: string,
    port: number,
    log: Logger,
    onRtcp: (address: string, port: number) => void,
  ): Promise<UdpPair> {
    const pair = new UdpPair(log);
    for (let attempt = 0; ; attempt++) {
      const rtp = dgram.createSocket('udp4');
      const rtcp = dgram.createSocket('udp4');
      try {
        const rtpPort = await bind(rtp, port, host);
        if (rtpPort % 2 !== 0) throw new Error('odd port');
        await bind(rtcp, rtpPort + 1, host);
        pair.rtp = rtp;
        pair.rtcp = rtcp;
        break;
      } catch (err) {
        for (const s of [rtp, rtcp]) {
          try {
            s.close();
          } catch {
            // never bound
          }
        }
        if (port !== 0 || attempt >= PAIR_ATTEMPTS) throw err;
      }
    }
    pair.rtp.on('message', () => {});
    pair.rtcp.on('message', (_msg, info) => onRtcp(info.address, info.port));
    for (const s of [pair.rtp, pair.rtcp]) s.on('error', (err) => pair.log.warn({ err }, 'udp socket error'));
    return pair;
  }

  get ports(): [number, number] {
    return [this.rtp.address().port, this.rtcp.address().port];
  }

  close(): void {
    this.rtp.close();
    this.rtcp.close();
  }
}
