import http from 'node:http';
import type { Logger } from 'pino';
import { type FaultRequest, type FaultState, parseFaultRequest, ValidationError } from './faults.js';
import { HttpError, readJson } from './http.js';
import { routeOps } from './ops/control.js';
import type { Ops } from './ops/ops.js';
import { ConflictError, NotFoundError } from './ops/requests.js';
import type { CameraLookup } from './rtsp/methods.js';

/** What the control API reads and changes; the simulator passes itself, tests can pass fakes. */
export interface ControlTarget {
  lookup: CameraLookup;
  setFault(cameraId: string, req: FaultRequest): FaultState;
  restore(cameraId: string): FaultState;
  cameraState(cameraId: string): object;
  stats(): object;
  /** Alarm and unit simulation (`/alarms`, `/units`). */
  ops?: Ops;
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
  if (target.ops && /^\/(alarms|units)(\/|$)/.test(pathname)) {
    const answer = await routeOps(target.ops, req, pathname);
    if (answer) return answer;
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

/** The control API: fault injection, counters, alarms and units over HTTP/JSON, for demos and tests. */
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
        if (err instanceof NotFoundError) err = new HttpError(404, err.message, err.field);
        if (err instanceof ConflictError) err = new HttpError(409, err.message);
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
