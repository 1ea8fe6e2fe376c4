import type { FastifyRequest } from 'fastify';
import { HttpError } from '../errors.js';

/** Methods that change something: only these carry the cross-site checks. */
export const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What a state-changing route accepts as its body unless its config names other types. */
export const DEFAULT_ACCEPTS: readonly string[] = ['application/json'];

/** A request a page on another site made the browser send (with the user's cookie). */
export class CrossSiteError extends HttpError {
  override name = 'CrossSiteError';
  constructor(why: string) {
    super(403, `refused: the request comes from another site (${why})`, { rule: 'same-origin' });
  }
}

// Host and port, with the default ports left out: a browser drops :80/:443 from Origin, a Host
// header may keep them, and behind a TLS proxy the gateway cannot know the page's scheme.
const normal = (host: string) => host.toLowerCase().replace(/:(80|443)$/, '');
const hostOf = (url: string): string | null => {
  try {
    return normal(new URL(url).host);
  } catch {
    return null;
  }
};

/**
 * Refuses a browser's cross-site request: `Sec-Fetch-Site: cross-site`, an Origin (or, without
 * one, a Referer) whose host is not the host the request was sent to. Clients that send
 * neither (devices, scripts, curl) carry no ambient browser credentials to abuse.
 * Only host and port are compared: behind a TLS proxy the scheme the gateway sees is not the page's.
 */
export function checkSameOrigin(request: FastifyRequest): void {
  if (request.headers['sec-fetch-site'] === 'cross-site')
    throw new CrossSiteError('Sec-Fetch-Site: cross-site');
  const host = normal(request.host);
  const origin = request.headers.origin;
  if (origin !== undefined) {
    if (hostOf(origin) !== host) throw new CrossSiteError(`Origin ${origin.slice(0, 100)} is not ${host}`);
    return;
  }
  const referer = request.headers.referer;
  if (referer !== undefined && hostOf(referer) !== host)
    throw new CrossSiteError(`Referer host is not ${host}`);
}

/**
 * Refuses a body whose media type the route does not take, before it is read: a form or
 * text/plain body is what a cross-site page can send without a CORS preflight.
 */
export function checkBodyType(request: FastifyRequest, accepts: readonly string[]): void {
  const length = request.headers['content-length'];
  const hasBody =
    request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (!hasBody) return;
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!accepts.includes(type)) {
    throw new HttpError(415, `the body must be ${accepts.join(' or ')}, not ${type || 'untyped'}`, {
      rule: 'content-type',
    });
  }
}
