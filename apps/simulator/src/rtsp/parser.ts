/** One RTSP request as received. Header names are lower-cased. */
export interface RtspRequest {
  method: string;
  url: string;
  version: string;
  headers: Map<string, string>;
  body: Buffer;
}

/** Named error for bytes that are not RTSP; the connection is closed. */
export class RtspParseError extends Error {
  override name = 'RtspParseError';
}

const MAX_HEAD = 16 * 1024;
const MAX_BODY = 64 * 1024;
const HEAD_END = Buffer.from('\r\n\r\n');

/**
 * Incremental parser of what a client sends on an RTSP connection: requests, and interleaved
 * binary frames ('$', channel, length) such as RTCP receiver reports over TCP.
 */
export class RtspParser {
  private buf: Buffer = Buffer.alloc(0);

  constructor(
    private readonly onRequest: (req: RtspRequest) => void,
    private readonly onInterleaved: (channel: number, data: Buffer) => void,
  ) {}

  /** Feed received bytes; throws RtspParseError on garbage or oversize messages. */
  push(chunk: Buffer): void {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    for (;;) {
      if (this.buf.length === 0) return;
      if (this.buf[0] === 0x24) {
        if (this.buf.length < 4) return;
        const len = this.buf.readUInt16BE(2);
        if (this.buf.length < 4 + len) return;
        this.onInterleaved(this.buf[1]!, this.buf.subarray(4, 4 + len));
        this.buf = this.buf.subarray(4 + len);
        continue;
      }
      // Some clients send a bare CRLF between requests.
      if (this.buf[0] === 0x0d || this.buf[0] === 0x0a) {
        this.buf = this.buf.subarray(1);
        continue;
      }
      const end = this.buf.indexOf(HEAD_END);
      if (end === -1) {
        if (this.buf.length > MAX_HEAD) throw new RtspParseError('request head too large');
        return;
      }
      if (end > MAX_HEAD) throw new RtspParseError('request head too large');
      const { req, length } = parseHead(this.buf.subarray(0, end).toString('utf8'));
      if (length > MAX_BODY) throw new RtspParseError('request body too large');
      const total = end + 4 + length;
      if (this.buf.length < total) return;
      req.body = this.buf.subarray(end + 4, total);
      this.buf = this.buf.subarray(total);
      this.onRequest(req);
    }
  }
}

function parseHead(head: string): { req: RtspRequest; length: number } {
  const lines = head.split(/\r\n/);
  const m = /^([A-Z_]+) (\S+) (RTSP\/\d\.\d)$/.exec(lines[0] ?? '');
  if (!m) throw new RtspParseError(`bad request line: ${JSON.stringify((lines[0] ?? '').slice(0, 80))}`);
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new RtspParseError(`bad header line: ${JSON.stringify(line.slice(0, 80))}`);
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const raw = headers.get('content-length') ?? '0';
  const length = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(length)) throw new RtspParseError('bad Content-Length');
  return { req: { method: m[1]!, url: m[2]!, version: m[3]!, headers, body: Buffer.alloc(0) }, length };
}

const REASONS: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  454: 'Session Not Found',
  455: 'Method Not Valid in This State',
  459: 'Aggregate Operation Not Allowed',
  461: 'Unsupported Transport',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
  505: 'RTSP Version Not Supported',
  551: 'Option not supported',
};

/** Serialize a response; the body, if any, gets its Content-Length in bytes. */
export function formatResponse(status: number, headers: Record<string, string>, body = ''): string {
  let out = `RTSP/1.0 ${status} ${REASONS[status] ?? 'Error'}\r\n`;
  for (const [k, v] of Object.entries(headers)) out += `${k}: ${v}\r\n`;
  if (body) out += `Content-Length: ${Buffer.byteLength(body)}\r\n`;
  return `${out}\r\n${body}`;
}
