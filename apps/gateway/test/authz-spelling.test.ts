import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyRequest, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildSamples,
  CALLERS,
  type Caller,
  Callers,
  createAuthzGateway,
  endsSession,
  expectedDenial,
  routeKey,
  type Sample,
  sampleOf,
} from './authz-fixtures.js';
import type { TestGateway } from './helpers.js';
import { spellings } from './url-spellings.js';

// Every route of the route table, sent through URL-spelling variants (url-spellings.ts) without a
// session and as each role, over real HTTP so that nothing normalises the path on the way. The
// rule, for each (route, caller, variant):
//
//   Let R be the route the server's router matched for the variant and P the parameters it
//   decoded, as the server itself reports them (request.routeOptions and request.params, seen by
//   a test-only onSend hook).
//   1. R is none (not found)                    → exactly 404.
//   2. R is the canonical route with its params → exactly the canonical status for that caller:
//      the access rules' refusal (401 without a session, 403 for a role without the permission,
//      a self-checked route's own refusal) or, for a caller the rules let through, the status the
//      canonical spelling settles on when repeated (state-changing samples answer e.g. 200 and
//      then 409 for ever).
//   3. R is the canonical route, other params   → the spelling changed a parameter's value (e.g.
//      `1;x=1`), so it is another request: a caller the session guard refuses gets exactly that
//      refusal (the guard runs before anything reads the parameters); a self-checked route
//      validates its parameters before its own check, so there any 4xx; others: not 5xx.
//   4. R is another route in the table          → as 3, with that route's refusal.
//   5. Always: never 5xx, and R must be in the route table (an unlisted route goes unchecked).
//
// So a guard that looks at the spelling instead of the matched route fails rule 2 (e.g. 201 for
// `POST /%61pi/users` without a session), and a catch-all answering unknown paths fails rule 1.
const PROBE = 'x-spelling-probe';

interface Matched {
  method: string;
  url: string;
  params: string;
}
interface Answer {
  status: number;
  body: string;
  matched: Matched | null;
}

describe('authorization by URL spelling', () => {
  let gw: TestGateway;
  let samples: Map<string, Sample>;
  let callers: Callers;
  let port: number;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const matched = new Map<string, Matched | null>();
  let probe = 0;

  beforeAll(async () => {
    gw = await createAuthzGateway((app) => {
      app.addHook('onSend', async (req: FastifyRequest) => {
        const id = req.headers[PROBE];
        if (typeof id !== 'string') return;
        // A route declared for several methods (the static files: HEAD and GET) reports them all.
        const { method, url } = req.routeOptions;
        matched.set(
          id,
          req.is404
            ? null
            : {
                method: Array.isArray(method) ? req.method : method,
                url: url!,
                params: JSON.stringify(req.params),
              },
        );
      });
    }, true);
    samples = await buildSamples(gw);
    callers = new Callers(gw);
    await gw.app.listen({ host: '127.0.0.1', port: 0 });
    port = (gw.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    agent.destroy();
    await gw?.close();
  });

  /** Send `opts` with its path exactly as `path` (no normalisation) and learn what was matched. */
  async function send(caller: Caller, opts: InjectOptions, path: string, fresh: boolean): Promise<Answer> {
    const id = String(++probe);
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string>), [PROBE]: id };
    if (caller) headers.cookie = await callers.cookie(caller, fresh);
    let body: string | undefined;
    if (opts.payload !== undefined) {
      body = typeof opts.payload === 'string' ? opts.payload : JSON.stringify(opts.payload);
      headers['content-type'] ??= 'application/json';
    }
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port, method: opts.method ?? 'GET', path, headers, agent },
        (r) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    if (!matched.has(id)) throw new Error(`no route observation for ${opts.method} ${path}`);
    return { ...res, matched: matched.get(id) ?? null };
  }

  it('spells every route of the table', () => {
    expect(gw.app.routeTable.filter((r) => !sampleOf(samples, r)).map(routeKey)).toEqual([]);
    expect(spellings('/api/users').map((s) => s.url)).toContain('/%61pi/users');
  });

  for (const caller of CALLERS) {
    it(`gives ${caller ?? 'a caller without a session'} exactly the matrix, however the URL is spelled`, async () => {
      const failures: string[] = [];
      for (const route of gw.app.routeTable) {
        const opts = sampleOf(samples, route)!.request(1);
        const url = opts.url as string;
        const fresh = endsSession(route);
        const denial = expectedDenial(route, caller);
        // The canonical status: the refusal, or what the canonical spelling settles on.
        let canonical = await send(caller, opts, url, fresh);
        if (canonical.matched?.method !== route.method || canonical.matched.url !== route.url)
          failures.push(`${routeKey(route)}: canonical ${url} matched ${JSON.stringify(canonical.matched)}`);
        if (denial === null) {
          for (let i = 0; i < 3; i++) {
            const again = await send(caller, opts, url, fresh);
            const settled = again.status === canonical.status;
            canonical = again;
            if (settled) break;
          }
        } else if (canonical.status !== denial) {
          failures.push(`${routeKey(route)}: canonical ${url} -> ${canonical.status}, expected ${denial}`);
        }
        for (const variant of spellings(url)) {
          const res = await send(caller, opts, variant.url, fresh);
          const where = `${routeKey(route)} spelled ${variant.url} (${variant.name}) -> ${res.status}`;
          const m = res.matched;
          const hit = m && gw.app.routeTable.find((r) => r.method === m.method && r.url === m.url);
          if (res.status >= 500) failures.push(`${where}: server error ${res.body.slice(0, 120)}`);
          else if (!m) {
            if (res.status !== 404) failures.push(`${where}: resolves to no route, expected 404`);
          } else if (!hit) failures.push(`${where}: matched ${routeKey(m)}, which is not in the route table`);
          else if (hit === route && m.params === canonical.matched?.params) {
            const expected = denial ?? canonical.status;
            if (res.status !== expected)
              failures.push(`${where}: same route and params, expected ${expected}`);
          } else {
            const refusal = expectedDenial(hit, caller);
            const selfChecked = hit.access === 'media' || hit.access === 'device';
            if (refusal !== null && (selfChecked ? res.status < 400 : res.status !== refusal))
              failures.push(
                `${where}: matched ${routeKey(hit)} ${m.params}, which refuses this caller (${refusal})`,
              );
          }
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
