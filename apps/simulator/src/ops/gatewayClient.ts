import { deviceHeaders } from './signing.js';

/** Ways a misbehaving device gets its request wrong (an unknown device is just another ID). */
export type Tamper = 'bad_signature' | 'stale' | 'malformed';

/** One signed request of a device to the gateway; `path` is sent and signed exactly as given. */
export interface DeviceRequest {
  deviceId: string;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  tamper?: Tamper;
  /** Picks among the ways of `tamper` (malformed has several). */
  variant?: number;
}

/** What the gateway answered; `body` is parsed JSON, or null when empty or not JSON. */
export interface GatewayAnswer {
  status: number;
  body: unknown;
  ms: number;
}

/** The gateway did not answer (refused, reset, timed out). */
export class GatewayUnreachable extends Error {
  override name = 'GatewayUnreachable';
}

/** What devices need from the gateway; tests can pass a fake. */
export interface DeviceTransport {
  send(req: DeviceRequest): Promise<GatewayAnswer>;
}

/** Beyond the gateway's accepted clock skew (2 min). */
const STALE_BY_MS = 10 * 60_000;

/**
 * Signs device requests with keys derived from the deployment secret and sends them with fetch;
 * every send (a retry too) is signed afresh, with a new nonce.
 */
export class GatewayClient implements DeviceTransport {
  constructor(
    private readonly opts: { baseUrl: string; secret: string; timeoutMs?: number; now?: () => number },
  ) {}

  async send(req: DeviceRequest): Promise<GatewayAnswer> {
    const url = new URL(this.opts.baseUrl + req.path);
    const path = url.pathname + url.search;
    const body = req.body === undefined ? '' : JSON.stringify(req.body);
    const headers: Record<string, string> = { ...this.sign(req, path, body) };
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    const started = performance.now();
    let res: Response;
    try {
      res = await fetch(url, {
        method: req.method,
        headers,
        body: req.body === undefined ? undefined : body,
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
      throw new GatewayUnreachable(`gateway ${this.opts.baseUrl} unreachable: ${cause}`);
    }
    const text = await res.text().catch(() => '');
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // A proxy's HTML error page: the status says enough.
    }
    return { status: res.status, body: parsed, ms: performance.now() - started };
  }

  private sign(req: DeviceRequest, path: string, body: string): Record<string, string> {
    const now = this.opts.now?.() ?? Date.now();
    const { secret } = this.opts;
    const signed = { method: req.method, path, body };
    switch (req.tamper) {
      case undefined:
        return { ...deviceHeaders(secret, req.deviceId, signed, now) };
      case 'bad_signature':
        // A device provisioned with the wrong key: well-formed, fresh, and wrong.
        return { ...deviceHeaders(`${secret}:wrong`, req.deviceId, signed, now) };
      case 'stale':
        return { ...deviceHeaders(secret, req.deviceId, signed, now - STALE_BY_MS) };
      case 'malformed': {
        const h: Record<string, string> = { ...deviceHeaders(secret, req.deviceId, signed, now) };
        const variant = (req.variant ?? 0) % 4;
        if (variant === 0) h['x-signature'] = 'not-a-signature';
        else if (variant === 1) h['x-timestamp'] = 'yesterday';
        else if (variant === 2) delete h['x-signature'];
        else delete h['x-nonce'];
        return h;
      }
    }
  }
}
