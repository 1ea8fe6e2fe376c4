import http from 'node:http';
import type { Logger } from 'pino';
import { type FaultRequest, type FaultState, parseFaultRequest, ValidationError } from './faults.js';
import type { CameraLookup } from './rtsp/methods.js';

/** What the control API reads and changes; the simulator passes itself, tests can pass fakes. */
export interface ControlTarget {
  lookup: CameraLookup;
  setFault(cameraId: string, req: FaultRequest): FaultState;
  restore(cameraId: string): FaultState;
  cameraState(cameraId: string): object;
  stats(): object;
}

const MAX_BODY = 4096;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new HttpError(413, `body must be at most ${MAX_BODY} bytes`, 'body');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
  } catch {
    throw new HttpError(400, 'body must be valid JSON', 'body');
  }
}

function cameraOf(target: ControlTarget, id: string): string {
  if (!/^\d{20}$/.test(id)) throw new HttpError(400, 'id must be a 20-digit GB/T 28181 camera ID', 'id');
  if (!target.lookup(id)) throw new HttpError(404, `camera ${id} not found`);
  return id;
}

async function route(target: ControlTarget, req: http.IncomingMessage): Promise<object> {
  const { pathname } = new URL(req.url ?? '/', 'http://control');
  const method = req.method ?? 'GET';
  if (pathname === '/health') {
    if (method !== 'GET') throw new HttpError(405, 'use GET');
    return { status: 'ok' };
  }
  if (pathname === '/stats') {
    if (method !== 'GET') throw new HttpError(405, 'use GET');
    return target.stats();
  }
  const m = /^\/cameras\/([^/]+)(?:\/(fault|restore))?$/.exec(pathname);
  if (!m) throw new HttpError(404, `no route ${pathname}`);
  const action = m[2];
  const allowed = action ? 'POST' : 'GET';
  if (method !== allowed) throw new HttpError(405, `use ${allowed}`);
  const id = cameraOf(target, decodeURIComponent(m[1]!));
  if (action === 'fault') {
    const body = await readJson(req);
    target.setFault(id, parseFaultRequest(body));
  } else if (action === 'restore') {
    target.restore(id);
  }
  return target.cameraState(id);
}

/** The control API: fault injection and counters over HTTP/JSON, for demos and tests. */
export function createControlServer(target: ControlTarget, log: Logger): http.Server {
  return http.createServer((req, res) => {
    const send = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    route(target, req).then(
      (body) => send(200, body),
      (err: unknown) => {
        if (err instanceof ValidationError) err = new HttpError(400, err.message, err.field);
        if (err instanceof HttpError) {
          send(err.status, {
            statusCode: err.status,
            error: http.STATUS_CODES[err.status],
            message: err.message,
            field: err.field,
          });
          return;
        }
        log.error({ err, method: req.method, url: req.url }, 'control request failed');
        send(500, { statusCode: 500, error: 'Internal Server Error', message: 'internal error' });
      },
    );
  });
}
