import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

/** How a path is served: a looping test pattern, one repeated keyframe, nothing (connection kept), or an RTSP error. */
export type SourceMode = 'live' | 'freeze' | 'pause' | '503';

/** Encode a 2 s H.264 loop (Annex B, a keyframe every second, SPS/PPS on every keyframe). */
export async function encodeLoop(dir: string): Promise<string> {
  const file = path.join(dir, 'loop.h264');
  await promisify(execFile)('ffmpeg', [
    ...[
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=320x180:rate=25',
      '-t',
      '2',
    ],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-bf', '0', '-pix_fmt', 'yuv420p'],
    ...['-x264-params', 'repeat-headers=1', '-f', 'h264', file],
  ]);
  return file;
}

/** Split Annex B into NAL units and group them into access units. */
function accessUnits(annexB: Buffer): Buffer[][] {
  const nals: Buffer[] = [];
  let start = -1;
  for (let i = 0; i + 3 <= annexB.length; i++) {
    if (annexB[i] === 0 && annexB[i + 1] === 0 && annexB[i + 2] === 1) {
      if (start >= 0) nals.push(annexB.subarray(start, annexB[i - 1] === 0 ? i - 1 : i));
      start = i + 3;
      i += 2;
    }
  }
  if (start >= 0) nals.push(annexB.subarray(start));
  const aus: Buffer[][] = [];
  let au: Buffer[] = [];
  let hasSlice = false;
  for (const nal of nals) {
    const type = nal[0]! & 0x1f;
    const isSlice = type === 1 || type === 5;
    const startsAu = [6, 7, 8, 9].includes(type) || (isSlice && (nal[1]! & 0x80) !== 0);
    if (startsAu && hasSlice) {
      aus.push(au);
      au = [];
      hasSlice = false;
    }
    au.push(nal);
    hasSlice ||= isSlice;
  }
  if (au.length) aus.push(au);
  return aus;
}

/**
 * A small RTSP server for the media tests (TCP-interleaved RTP, H.264 at 25 fps). Paths are
 * `/<anything>`; `modes` decides per path what it serves and can change while it plays.
 */
export class RtspTestSource {
  readonly modes = new Map<string, SourceMode>();
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private aus: Buffer[][] = [];
  port = 0;

  async start(h264File: string): Promise<void> {
    this.aus = accessUnits(await readFile(h264File));
    this.server = net.createServer((s) => this.serve(s));
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  url(p: string): string {
    return `rtsp://127.0.0.1:${this.port}${p}`;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((r) => this.server?.close(r));
  }

  private serve(sock: net.Socket): void {
    this.sockets.add(sock);
    let buf = Buffer.alloc(0);
    let timer: NodeJS.Timeout | null = null;
    let pathName = '/';
    const stop = () => {
      if (timer) clearInterval(timer);
      this.sockets.delete(sock);
    };
    sock.on('close', stop);
    sock.on('error', stop);
    sock.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (buf[0] === 0x24) {
          // RTCP from the client, interleaved: skip it.
          if (buf.length < 4) return;
          const len = 4 + buf.readUInt16BE(2);
          if (buf.length < len) return;
          buf = buf.subarray(len);
          continue;
        }
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buf.subarray(0, end).toString('latin1');
        buf = buf.subarray(end + 4);
        const [method = '', url = ''] = head.split('\r\n')[0]?.split(' ') ?? [];
        const cseq = /CSeq:\s*(\d+)/i.exec(head)?.[1] ?? '0';
        if (method === 'DESCRIBE') pathName = new URL(url).pathname;
        const mode = this.modes.get(pathName) ?? 'live';
        const reply = (status: string, headers: string[] = [], body = '') =>
          sock.write(
            [
              `RTSP/1.0 ${status}`,
              `CSeq: ${cseq}`,
              ...headers,
              `Content-Length: ${Buffer.byteLength(body)}`,
              '',
              body,
            ].join('\r\n'),
          );
        if (mode === '503') reply('503 Service Unavailable');
        else if (method === 'OPTIONS') reply('200 OK', ['Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN']);
        else if (method === 'DESCRIBE')
          reply('200 OK', ['Content-Type: application/sdp', `Content-Base: ${url}/`], this.sdp());
        else if (method === 'SETUP') {
          reply('200 OK', ['Transport: RTP/AVP/TCP;unicast;interleaved=0-1', 'Session: 4242;timeout=60']);
        } else if (method === 'PLAY') {
          reply('200 OK', ['Session: 4242', 'Range: npt=0.000-']);
          let n = 0;
          let seq = 0;
          timer ??= setInterval(() => {
            const current = this.modes.get(pathName) ?? 'live';
            if (current === 'pause') return;
            const au = current === 'freeze' ? this.aus[0]! : this.aus[n % this.aus.length]!;
            seq = this.sendAu(sock, au, n * 3600, seq);
            n += 1;
          }, 40);
        } else if (method === 'TEARDOWN') {
          reply('200 OK', ['Session: 4242']);
          sock.end();
        } else reply('200 OK', ['Session: 4242']);
      }
    });
  }

  private sdp(): string {
    const first = this.aus[0] ?? [];
    const sps = first.find((n) => (n[0]! & 0x1f) === 7);
    const pps = first.find((n) => (n[0]! & 0x1f) === 8);
    const sprop =
      sps && pps ? `;sprop-parameter-sets=${sps.toString('base64')},${pps.toString('base64')}` : '';
    return [
      'v=0',
      'o=- 0 0 IN IP4 127.0.0.1',
      's=media test source',
      'c=IN IP4 0.0.0.0',
      't=0 0',
      'm=video 0 RTP/AVP 96',
      'a=rtpmap:96 H264/90000',
      `a=fmtp:96 packetization-mode=1${sprop}`,
      'a=control:trackID=0',
      '',
    ].join('\r\n');
  }

  /** RFC 6184 single NAL units, or FU-A fragments for large ones; marker on the AU's last packet. */
  private sendAu(sock: net.Socket, au: Buffer[], ts: number, seq: number): number {
    const packets: Buffer[] = [];
    for (const nal of au) {
      if (nal.length <= 1400) {
        packets.push(nal);
        continue;
      }
      const indicator = (nal[0]! & 0xe0) | 28;
      for (let off = 1; off < nal.length; off += 1400) {
        const startBit = off === 1 ? 0x80 : 0;
        const endBit = off + 1400 >= nal.length ? 0x40 : 0;
        packets.push(
          Buffer.concat([
            Buffer.from([indicator, startBit | endBit | (nal[0]! & 0x1f)]),
            nal.subarray(off, off + 1400),
          ]),
        );
      }
    }
    packets.forEach((payload, i) => {
      const rtp = Buffer.alloc(12);
      rtp[0] = 0x80;
      rtp[1] = 96 | (i === packets.length - 1 ? 0x80 : 0);
      rtp.writeUInt16BE(seq++ & 0xffff, 2);
      rtp.writeUInt32BE(ts >>> 0, 4);
      rtp.writeUInt32BE(0x1234abcd, 8);
      const frame = Buffer.alloc(4);
      frame[0] = 0x24;
      frame.writeUInt16BE(12 + payload.length, 2);
      if (!sock.destroyed) sock.write(Buffer.concat([frame, rtp, payload]));
    });
    return seq;
  }
}
