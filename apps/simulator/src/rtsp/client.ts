import net from 'node:net';

/** A response as the test client received it. Header names are lower-cased. */
export interface ClientResponse {
  status: number;
  headers: Map<string, string>;
  body: string;
}

/** What a test client counted of the RTP it received. */
export interface ReceiveStats {
  packets: number;
  bytes: number;
  /** Access units completed (RTP marker bit). */
  frames: number;
  /** Access units holding an IDR slice. */
  keyframes: number;
  rtcp: number;
  ssrc: number | null;
  lastSeq: number | null;
  /** Packets whose sequence number did not follow the previous one. */
  seqGaps: number;
  firstTimestamp: number | null;
  lastTimestamp: number | null;
}

/**
 * A minimal RTSP client over TCP interleaved transport, for tests and benchmarks: it counts
 * packets and frames without decoding, so one process can hold hundreds of sessions.
 */
export class RtspTestClient {
  readonly stats: ReceiveStats = {
    packets: 0,
    bytes: 0,
    frames: 0,
    keyframes: 0,
    rtcp: 0,
    ssrc: null,
    lastSeq: null,
    seqGaps: 0,
    firstTimestamp: null,
    lastTimestamp: null,
  };
  session: string | null = null;
  readonly closed: Promise<void>;
  private pending: Buffer = Buffer.alloc(0);
  private cseq = 0;
  private waiting: ((r: ClientResponse) => void)[] = [];
  private keyInFrame = false;

  private constructor(private readonly socket: net.Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.onData(chunk));
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => {});
  }

  static connect(host: string, port: number): Promise<RtspTestClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, host, () => {
        socket.off('error', reject);
        resolve(new RtspTestClient(socket));
      });
      socket.once('error', reject);
    });
  }

  /** Send one request and wait for its response. */
  request(method: string, url: string, headers: Record<string, string> = {}): Promise<ClientResponse> {
    let head = `${method} ${url} RTSP/1.0\r\nCSeq: ${++this.cseq}\r\nUser-Agent: onpatrol-test-client\r\n`;
    if (this.session && !('Session' in headers)) head += `Session: ${this.session}\r\n`;
    for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
    return new Promise((resolve, reject) => {
      if (this.socket.destroyed) return reject(new Error('connection closed'));
      this.waiting.push(resolve);
      this.socket.write(`${head}\r\n`);
    });
  }

  /** DESCRIBE, SETUP (TCP interleaved 0-1) and PLAY; throws on any non-200 answer. */
  async play(url: string): Promise<void> {
    const expect = (r: ClientResponse, what: string) => {
      if (r.status !== 200) throw new Error(`${what} ${url} answered ${r.status}`);
      return r;
    };
    const desc = expect(await this.request('DESCRIBE', url, { Accept: 'application/sdp' }), 'DESCRIBE');
    const base = desc.headers.get('content-base') ?? `${url}/`;
    const setup = expect(
      await this.request('SETUP', `${base}trackID=0`, { Transport: 'RTP/AVP/TCP;unicast;interleaved=0-1' }),
      'SETUP',
    );
    this.session = setup.headers.get('session')?.split(';')[0] ?? null;
    expect(await this.request('PLAY', base), 'PLAY');
  }

  close(): Promise<void> {
    this.socket.destroy();
    return this.closed;
  }

  private onData(chunk: Buffer): void {
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let at = 0;
    while (at < buf.length) {
      if (buf[at] === 0x24) {
        if (buf.length - at < 4) break;
        const len = buf.readUInt16BE(at + 2);
        if (buf.length - at < 4 + len) break;
        if (buf[at + 1]! % 2 === 0) this.onRtp(buf, at + 4, len);
        else this.stats.rtcp++;
        at += 4 + len;
        continue;
      }
      const end = buf.indexOf('\r\n\r\n', at);
      if (end === -1) break;
      const head = buf.toString('latin1', at, end).split('\r\n');
      const headers = new Map<string, string>();
      for (const line of head.slice(1)) {
        const i = line.indexOf(':');
        headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
      }
      const length = Number(headers.get('content-length') ?? 0);
      if (buf.length < end + 4 + length) break;
      const body = buf.toString('utf8', end + 4, end + 4 + length);
      at = end + 4 + length;
      this.waiting.shift()?.({ status: Number(head[0]?.split(' ')[1]), headers, body });
    }
    buf = buf.subarray(at);
    this.pending = buf.length ? Buffer.from(buf) : Buffer.alloc(0);
  }

  private onRtp(buf: Buffer, at: number, len: number): void {
    const s = this.stats;
    const seq = buf.readUInt16BE(at + 2);
    const ts = buf.readUInt32BE(at + 4);
    if (s.lastSeq !== null && seq !== ((s.lastSeq + 1) & 0xffff)) s.seqGaps++;
    s.lastSeq = seq;
    s.ssrc = buf.readUInt32BE(at + 8);
    s.firstTimestamp ??= ts;
    s.lastTimestamp = ts;
    s.packets++;
    s.bytes += len;
    const nal = buf[at + 12]! & 0x1f;
    const fuType = buf[at + 13]! & 0x1f;
    if (nal === 5 || (nal === 28 && fuType === 5)) this.keyInFrame = true;
    if (buf[at + 1]! & 0x80) {
      s.frames++;
      if (this.keyInFrame) s.keyframes++;
      this.keyInFrame = false;
    }
  }
}
