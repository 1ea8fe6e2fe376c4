import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { HOST_PROGRAM } from './nmsHost.js';

/*
 * node-media-server runs in a process of its own, started and restarted by the gateway:
 * - its heap churns: every FLV packet is copied twice and kept for a GOP in two caches, so in the
 *   gateway's heap it drove a major GC about twice a second at 60 streams (10 % of the event loop);
 * - it keeps process-wide state in module singletons, and some inputs crash it (a stream name with
 *   a dot in 4.4.3): a crash now costs the FLV viewers a reconnect, not the gateway.
 * The gateway reaches it on 127.0.0.1 only: ffmpeg publishes over RTMP, the WS-FLV relay reads
 * HTTP-FLV. The ports are fixed at the first start, so a restarted server is found where it was.
 *
 * 127.0.0.1 is not a boundary (any local process reaches it), so every publish and play needs a
 * one-time token the gateway granted for that stream and action (grant()). The check is
 * node-media-server's own `auth` (publish and play on, ?sign=<exp>-<md5(path-exp-secret)>),
 * with a secret made in its process that never leaves it: nobody outside can sign. Its prePublish
 * and prePlay events fire, synchronously, just before that check; there the host program trades
 * a valid token for a signature and strips any sign a client brought. So refusing stays the
 * library's own code path (session closed, never a publisher or a subscriber); the host only
 * grants. Its signature alone would not do: it is reusable until it expires, and ffmpeg's argv
 * (where the publish URL is) can be read in /proc by any local user; a token is spent on first
 * use, so one read from a running ffmpeg is worth nothing.
 */

type FromHost =
  | { t: 'ready' }
  | { t: 'failed'; message: string }
  | { t: 'granted'; id: number }
  | { t: 'log'; level: string; message: string };

/** What a token lets its bearer do with one stream. */
export type NmsAction = 'publish' | 'play';

/** How long a granted token stays good unused: ffmpeg connects RTSP (≤ 5 s) before it publishes. */
const GRANT_TTL_MS = 30_000;
/** An answer to a grant later than this means the server is stuck; the caller retries. */
const GRANT_TIMEOUT_MS = 5000;

/**
 * Heap sizing for a process whose objects live about one GOP (1 s): a young generation that may
 * grow to hold them until they die, and an old generation that does not start a major GC
 * at every few MB of packet buffers. At 60 streams: 59 → 10 major GCs per 100 s, 11–13 % → 9 % of
 * a core. The young generation is not given a large minimum: V8 grows it when objects survive, and
 * a fixed 16 MB minimum cost 40 MB of PSS at 10 streams for the same CPU.
 */
const HOST_V8_FLAGS = ['--max-semi-space-size=32', '--initial-old-space-size=64'];

export interface NmsOptions {
  /** 0: a free port is picked. */
  rtmpPort: number;
  /** 0: a free port is picked. */
  httpPort: number;
  log: FastifyBaseLogger;
  /** First and longest wait before a crashed server is started again (default 500 ms, 10 s). */
  restartMinMs?: number;
  restartMaxMs?: number;
}

/** A running node-media-server process; release() stops it. */
export interface NmsHandle {
  readonly rtmpPort: number;
  readonly httpPort: number;
  /** PID of the current process (tests, benchmarks); undefined between a crash and the restart. */
  readonly pid: number | undefined;
  /** How many times it was started again after it died. */
  readonly restarts: number;
  /**
   * A one-time token for one publish or play of `live/<key>` (`?token=` on the URL), good for
   * 30 s; resolves once the server knows it. Rejects while the server is down or restarting.
   */
  grant(action: NmsAction, key: string): Promise<string>;
  release(): Promise<void>;
}

const require = createRequire(import.meta.url);
const PACKAGE_DIR = path.dirname(require.resolve('node-media-server/package.json'));

/** A port that was free a moment ago (node-media-server treats port 0 as "no listener"). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address() as net.AddressInfo;
      srv.close(() => resolve(addr.port));
    });
  });
}

/**
 * Starts node-media-server bound to 127.0.0.1 in its own process and keeps it running: a server
 * that dies is started again on the same ports after a backoff (ffmpeg pulls that lost their RTMP
 * output restart by themselves). Rejects when the first start fails, e.g. a port is taken.
 */
export async function startNms(opts: NmsOptions): Promise<NmsHandle> {
  const log = opts.log.child({ module: 'media', component: 'nms' });
  const rtmpPort = opts.rtmpPort || (await freePort());
  const httpPort = opts.httpPort || (await freePort());
  const minMs = opts.restartMinMs ?? 500;
  const maxMs = opts.restartMaxMs ?? 10_000;
  let current: ChildProcess | null = null;
  let released = false;
  let restarts = 0;
  let delay = minMs;
  let timer: NodeJS.Timeout | null = null;
  let nextGrant = 0;
  const waiting = new Map<number, () => void>();

  const launch = (): Promise<ChildProcess> =>
    new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [...HOST_V8_FLAGS, '-e', HOST_PROGRAM, PACKAGE_DIR, String(rtmpPort), String(httpPort)],
        {
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          env: { ...process.env, NODE_OPTIONS: '' },
        },
      );
      let ready = false;
      let failure = 'exited before it was ready';
      child.on('message', (m: FromHost) => {
        if (m.t === 'log') {
          if (m.level === 'error') log.error(m.message);
          else if (m.level === 'warn') log.warn(m.message);
          else log.debug(m.message);
        } else if (m.t === 'failed') {
          failure = m.message;
        } else if (m.t === 'granted') {
          waiting.get(m.id)?.();
        } else if (m.t === 'ready') {
          ready = true;
          resolve(child);
        }
      });
      child.on('error', (err) => {
        failure = err.message;
      });
      child.once('exit', (code, signal) => {
        if (!ready) reject(new Error(`node-media-server: ${failure}`));
        else onExit(child, code, signal);
      });
    });

  const onExit = (child: ChildProcess, code: number | null, signal: NodeJS.Signals | null) => {
    if (current === child) current = null;
    if (released) return;
    log.error({ code, signal, restartInMs: delay }, 'node-media-server exited; starting it again');
    const wait = delay;
    delay = Math.min(maxMs, delay * 2);
    timer = setTimeout(() => {
      timer = null;
      if (released) return;
      launch().then(
        (child) => {
          if (released) {
            child.kill('SIGKILL');
            return;
          }
          current = child;
          restarts += 1;
          delay = minMs;
          log.info({ rtmpPort, httpPort, pid: child.pid }, 'node-media-server running again');
        },
        (err: Error) => {
          // Did not come up (a port taken meanwhile?): try again after a longer wait.
          log.error({ err }, 'node-media-server did not start');
          onExit(child, null, null);
        },
      );
    }, wait);
  };

  current = await launch();
  log.info({ rtmpPort, httpPort, pid: current.pid }, 'node-media-server listening on 127.0.0.1');
  return {
    rtmpPort,
    httpPort,
    get pid() {
      return current?.pid;
    },
    get restarts() {
      return restarts;
    },
    grant(action, key) {
      const child = current;
      if (!child?.connected) return Promise.reject(new Error('node-media-server is not running'));
      const id = ++nextGrant;
      const token = randomBytes(24).toString('base64url');
      return new Promise<string>((resolve, reject) => {
        const done = (err?: Error) => {
          clearTimeout(timeout);
          waiting.delete(id);
          child.off('exit', gone);
          if (err) reject(err);
          else resolve(token);
        };
        const gone = () => done(new Error('node-media-server exited before it took the grant'));
        const timeout = setTimeout(
          () => done(new Error('node-media-server did not answer the grant')),
          GRANT_TIMEOUT_MS,
        );
        waiting.set(id, () => done());
        child.once('exit', gone);
        child.send({ t: 'grant', id, token, action, path: `/live/${key}`, ttlMs: GRANT_TTL_MS }, (err) => {
          if (err) done(err);
        });
      });
    },
    async release() {
      if (released) return;
      released = true;
      if (timer) clearTimeout(timer);
      const child = current;
      current = null;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 2000);
      await gone;
      clearTimeout(force);
    },
  };
}
