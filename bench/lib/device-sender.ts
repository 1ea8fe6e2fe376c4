// A cheap load generator for device requests: kept-alive TCP connections opened before the
// storm, each request written as one prepared HTTP/1.1 buffer and pipelined, each response
// parsed only for its status and length. Node's http client costs ~0.5 ms of CPU per request,
// so with it the bench could not send 1,186 reports within one second on two cores that also
// run the gateway and 200 clients; the figure it measures would be the load generator's.
import net from 'node:net';
import type { AlarmDevice, PageOf } from '@onpatrol/contracts';
import { DEMO_DEVICE_SECRET, deviceHeaders } from '@onpatrol/e2e';

const ALARM_PATH = '/api/device/alarms';

/** Every alarm device the signed-in user (session `cookie`) may see. */
export async function alarmDevices(baseUrl: string, cookie: string): Promise<AlarmDevice[]> {
  const res = await fetch(`${baseUrl}/api/alarm-devices?limit=5000`, { headers: { cookie } });
  if (!res.ok) throw new Error(`alarm devices: ${res.status}`);
  return ((await res.json()) as PageOf<AlarmDevice>).items;
}

interface Pending {
  resolve: (status: number) => void;
  reject: (err: Error) => void;
}

class Connection {
  private readonly pending: Pending[] = [];
  private buffered: Buffer = Buffer.alloc(0);

  constructor(readonly socket: net.Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.onData(chunk));
    const fail = (err: Error) => {
      for (const p of this.pending.splice(0)) p.reject(err);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('device connection closed')));
  }

  send(request: Buffer): Promise<number> {
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.socket.write(request);
    });
  }

  /** Responses come back in request order (HTTP/1.1 pipelining); each has a Content-Length. */
  private onData(chunk: Buffer): void {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
    for (;;) {
      const end = this.buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = this.buffered.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
      if (this.buffered.length < end + 4 + length) return;
      this.buffered = this.buffered.subarray(end + 4 + length);
      const status = Number(head.slice(9, 12));
      this.pending.shift()?.resolve(status);
    }
  }
}

export class DeviceSender {
  private next = 0;

  private constructor(
    private readonly host: string,
    private readonly connections: Connection[],
  ) {}

  /** Open `count` connections to the gateway at `baseUrl` (http only). */
  static async open(baseUrl: string, count: number): Promise<DeviceSender> {
    const url = new URL(baseUrl);
    const sockets = await Promise.all(
      Array.from(
        { length: count },
        () =>
          new Promise<net.Socket>((resolve, reject) => {
            const s = net.connect(Number(url.port), url.hostname, () => resolve(s));
            s.once('error', reject);
          }),
      ),
    );
    return new DeviceSender(
      url.host,
      sockets.map((s) => new Connection(s)),
    );
  }

  /** POST `body` to `path` with `headers` on the next connection in turn; resolves to the status. */
  post(path: string, headers: Record<string, string>, body: string): Promise<number> {
    const lines = [
      `POST ${path} HTTP/1.1`,
      `host: ${this.host}`,
      `content-length: ${Buffer.byteLength(body)}`,
    ];
    for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
    const request = Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`);
    const c = this.connections[this.next++ % this.connections.length]!;
    return c.send(request);
  }

  /**
   * An alarm storm: every device reports an intrusion once, spread evenly over one second, signed
   * with `secret` (the gateway's DEVICE_KEY_SECRET; default the embedded demo's). `sending(id)` is
   * called as each report goes out; resolves to the statuses of the answers.
   */
  storm(
    devices: readonly { id: string }[],
    sending?: (deviceId: string) => void,
    secret = DEMO_DEVICE_SECRET,
  ): Promise<number[]> {
    const body = JSON.stringify({ kind: 'intrusion' });
    return Promise.all(
      devices.map(async (d, i) => {
        await new Promise((r) => setTimeout(r, (1000 * i) / devices.length));
        sending?.(d.id);
        return this.post(ALARM_PATH, deviceHeaders(secret, d.id, 'POST', ALARM_PATH, body), body);
      }),
    );
  }

  close(): void {
    for (const c of this.connections) c.socket.destroy();
  }
}
