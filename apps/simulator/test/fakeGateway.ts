import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in for the gateway's device endpoints: checks signatures the way the gateway does
// (written out again here, not imported from src), records every request and keeps orders.

export interface Recorded {
  method: string;
  path: string;
  deviceId: string;
  body: unknown;
  status: number;
  rule?: string;
  /** Unix ms when it arrived. */
  at: number;
}

export interface FakeOrder {
  id: number;
  incidentId: number;
  unitId: string;
  task: string;
  status: string;
  target?: { lat: number; lon: number; place: string; kind: string; note: string };
  /** Every status the unit reported, with the body. */
  answers: { status: string; body: Record<string, unknown>; at: number }[];
}

const NEXT: Record<string, string[]> = {
  sent: ['accepted', 'cancelled'],
  accepted: ['en_route', 'on_scene', 'cancelled'],
  en_route: ['on_scene', 'cancelled'],
  on_scene: ['done'],
};
const KINDS = ['intrusion', 'tamper', 'fault'];

export class FakeGateway {
  readonly requests: Recorded[] = [];
  readonly orders = new Map<number, FakeOrder>();
  /** Answer every request with this status (e.g. 503) instead of handling it. */
  failWith: number | null = null;
  private nextAlarm = 1;
  private nextOrder = 1;
  private readonly lastAlarm = new Map<string, { id: number; at: number }>();
  private readonly nonces = new Set<string>();

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    private readonly opts: { secret: string; alarmDevices: Set<string>; units: Set<string> },
  ) {}

  static async start(opts: { secret: string; alarmDevices: Iterable<string>; units: Iterable<string> }) {
    let gw!: FakeGateway;
    const server = http.createServer((req, res) => gw.handle(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    gw = new FakeGateway(server, `http://127.0.0.1:${port}`, {
      secret: opts.secret,
      alarmDevices: new Set(opts.alarmDevices),
      units: new Set(opts.units),
    });
    return gw;
  }

  addOrder(unitId: string, target?: FakeOrder['target']): FakeOrder {
    const o: FakeOrder = {
      id: this.nextOrder++,
      incidentId: 100 + this.nextOrder,
      unitId,
      task: 'check',
      status: 'sent',
      target,
      answers: [],
    };
    this.orders.set(o.id, o);
    return o;
  }

  of(path: string): Recorded[] {
    return this.requests.filter((r) => r.path.split('?')[0] === path);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }

  private refuse(req: http.IncomingMessage, id: string, body: string): string | null {
    const known = /^\d{20}$/.test(id) ? this.opts.alarmDevices.has(id) : this.opts.units.has(id);
    if (!known) return 'unknown_device';
    const ts = req.headers['x-timestamp'];
    const nonce = req.headers['x-nonce'];
    const sig = req.headers['x-signature'];
    if (
      typeof ts !== 'string' ||
      !/^\d{10,16}$/.test(ts) ||
      typeof nonce !== 'string' ||
      !/^[A-Za-z0-9_-]{16,64}$/.test(nonce) ||
      typeof sig !== 'string' ||
      !/^[0-9a-f]{64}$/.test(sig)
    ) {
      return 'malformed';
    }
    if (Math.abs(Date.now() - Number(ts)) > 120_000) return 'stale_timestamp';
    const key = createHmac('sha256', this.opts.secret).update(`device:${id}`).digest();
    const expected = createHmac('sha256', key)
      .update(`${ts}.${nonce}.${req.method}.${req.url}.${body}`)
      .digest();
    if (!timingSafeEqual(expected, Buffer.from(sig, 'hex'))) return 'bad_signature';
    if (this.nonces.has(`${id}|${nonce}`)) return 'replayed';
    this.nonces.add(`${id}|${nonce}`);
    return null;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
    const raw = Buffer.concat(chunks).toString('utf8');
    const deviceId = String(req.headers['x-device-id'] ?? '');
    let parsed: unknown = null;
    try {
      parsed = raw ? JSON.parse(raw) : null;
    } catch {}
    const rec: Recorded = {
      method: req.method!,
      path: req.url!,
      deviceId,
      body: parsed,
      status: 0,
      at: Date.now(),
    };
    this.requests.push(rec);
    const send = (status: number, body?: unknown) => {
      rec.status = status;
      res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (this.failWith) return send(this.failWith, { message: 'unavailable' });
    const rule = this.refuse(req, deviceId, raw);
    if (rule) {
      rec.rule = rule;
      return send(401, { statusCode: 401, message: `device request refused: ${rule}`, rule });
    }
    const b = parsed as Record<string, unknown> | null;
    const url = req.url!;
    if (req.method === 'POST' && url === '/api/device/alarms') {
      if (
        !b ||
        !KINDS.includes(b.kind as string) ||
        Object.keys(b).some((k) => !['kind', 'zone', 'at'].includes(k))
      ) {
        return send(400, { message: 'bad body', field: 'kind' });
      }
      const last = this.lastAlarm.get(deviceId);
      if (last && Date.now() - last.at < 60_000) return send(202, { alarmId: last.id, merged: true });
      const id = this.nextAlarm++;
      this.lastAlarm.set(deviceId, { id, at: Date.now() });
      return send(202, { alarmId: id, merged: false });
    }
    if (req.method === 'POST' && url === '/api/device/units/position') {
      if (!b || typeof b.lat !== 'number' || typeof b.lon !== 'number') return send(400, { field: 'lat' });
      return send(204);
    }
    if (req.method === 'GET' && url === '/api/device/units/orders') {
      const active = [...this.orders.values()].filter(
        (o) => o.unitId === deviceId && !['done', 'cancelled'].includes(o.status),
      );
      return send(
        200,
        active.map(({ answers: _, ...o }) => o),
      );
    }
    const m = /^\/api\/device\/units\/orders\/(\d+)$/.exec(url);
    if (req.method === 'POST' && m) {
      const o = this.orders.get(Number(m[1]));
      if (!o || o.unitId !== deviceId) return send(404, { message: 'order not found' });
      const status = String(b?.status);
      if (!NEXT[o.status]?.includes(status)) return send(409, { rule: 'order-state' });
      if (status === 'done' && !b?.outcome) return send(400, { field: 'outcome' });
      o.status = status;
      o.answers.push({ status, body: b!, at: Date.now() });
      return send(200, { ...o, answers: undefined });
    }
    send(404, { message: `no route ${url}` });
  }
}
