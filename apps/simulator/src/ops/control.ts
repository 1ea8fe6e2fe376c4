import type http from 'node:http';
import { allow, HttpError, readJson } from '../http.js';
import type { Ops } from './ops.js';
import { parseBurst, parseFaulty, parseStorm, parseTrigger } from './requests.js';

/** Larger than the camera routes' limit: a burst may list every device. */
const MAX_BODY = 64 * 1024;
const UNIT_ID = /^[A-Z0-9-]{2,16}$/;

/** Routes of the device simulators under /alarms and /units; undefined when the path is not theirs. */
export async function routeOps(
  ops: Ops,
  req: http.IncomingMessage,
  pathname: string,
): Promise<object | undefined> {
  const method = req.method ?? 'GET';
  const body = () => readJson(req, MAX_BODY);
  switch (pathname) {
    case '/alarms':
      allow(method, 'GET');
      return { gatewayUrl: ops.gatewayUrl, background: ops.background.stats() };
    case '/alarms/trigger':
      allow(method, 'POST');
      return ops.alarms.trigger(parseTrigger(await body()));
    case '/alarms/burst':
      allow(method, 'POST');
      return ops.alarms.burst(parseBurst(await body()));
    case '/alarms/storm':
      allow(method, 'POST');
      return ops.alarms.storm(parseStorm(await body()));
    case '/alarms/faulty':
      allow(method, 'POST');
      return ops.alarms.faulty(parseFaulty(await body()));
    case '/units':
      allow(method, 'GET');
      return { enabled: ops.fleet !== null, excluded: ops.excluded, units: ops.fleet?.states() ?? [] };
  }
  const m = /^\/units\/([^/]+)(?:\/(pause|resume))?$/.exec(pathname);
  if (!m) return undefined;
  const action = m[2];
  allow(method, action ? 'POST' : 'GET');
  const id = decodeURIComponent(m[1]!);
  if (!UNIT_ID.test(id)) throw new HttpError(400, 'id must be a unit ID like YH02-1', 'id');
  if (!ops.fleet) throw new HttpError(409, 'units are off (SIM_UNITS=false)');
  if (action === 'pause') return ops.fleet.pause(id);
  if (action === 'resume') return ops.fleet.resume(id);
  return ops.fleet.state(id);
}
