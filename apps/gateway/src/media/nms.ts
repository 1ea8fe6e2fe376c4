import type { Server as HttpServer } from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import type { FastifyBaseLogger } from 'fastify';

// node-media-server 4.4.3 ships no types and keeps process-wide state (config, sessions,
// broadcasts, logger) in module singletons. Everything about it stays in this file.
const require = createRequire(import.meta.url);

interface NmsServer {
  run(): Promise<void>;
  stop(): Promise<void>;
  store: { open: () => Promise<void> };
  rtmpServer: { tcpServer?: net.Server };
  httpServer: { httpServer?: HttpServer };
}
type NmsConstructor = new (config: object, configPath?: string) => NmsServer;
interface NmsLogger {
  log: (message: string, level?: string) => void;
}
interface NmsContext {
  sessions: Map<unknown, unknown>;
  broadcasts: Map<unknown, unknown>;
  eventEmitter: { removeAllListeners(): void };
}

export interface NmsOptions {
  /** 0: a free port is picked. */
  rtmpPort: number;
  /** 0: a free port is picked. */
  httpPort: number;
  log: FastifyBaseLogger;
}

/** A reference to the one node-media-server of this process; release() when done. */
export interface NmsHandle {
  readonly rtmpPort: number;
  readonly httpPort: number;
  release(): Promise<void>;
}

interface Running {
  nms: NmsServer;
  rtmpPort: number;
  httpPort: number;
  restoreLog: () => void;
}

let shared: { ready: Promise<Running>; refs: number } | null = null;
let stopping: Promise<void> = Promise.resolve();

/**
 * node-media-server bound to 127.0.0.1 (RTMP in from ffmpeg, HTTP-FLV out to the gateway's WS-FLV
 * proxy; its GOP cache hands new viewers a keyframe at once). It can run only once per process,
 * so this is a reference-counted singleton: the first acquire starts it with its ports, later
 * ones share it (their ports are ignored), the last release stops it and clears its globals.
 */
export async function acquireNms(opts: NmsOptions): Promise<NmsHandle> {
  await stopping;
  if (!shared) {
    const ready = start(opts);
    shared = { ready, refs: 0 };
    ready.catch(() => {
      shared = null;
    });
  }
  const entry = shared;
  entry.refs += 1;
  let running: Running;
  try {
    running = await entry.ready;
  } catch (err) {
    entry.refs -= 1;
    throw err;
  }
  let released = false;
  return {
    rtmpPort: running.rtmpPort,
    httpPort: running.httpPort,
    async release() {
      if (released) return;
      released = true;
      entry.refs -= 1;
      if (entry.refs > 0 || shared !== entry) return;
      shared = null;
      stopping = stop(running);
      await stopping;
    },
  };
}

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

function redirectLog(log: FastifyBaseLogger): () => void {
  const logger = require('node-media-server/src/core/logger.js') as NmsLogger;
  const original = logger.log;
  logger.log = (message, level = 'info') => {
    if (level === 'error') log.error(message);
    else if (level === 'warn' && !/store is not available/.test(message)) log.warn(message);
    else log.debug(message);
  };
  return () => {
    logger.log = original;
  };
}

function listening(server: net.Server | HttpServer | undefined, what: string, log: FastifyBaseLogger) {
  if (!server) return Promise.reject(new Error(`node-media-server did not create its ${what} listener`));
  // Its own listen-error handler calls process.exit(1); a taken port must be an error instead.
  server.removeAllListeners('error');
  return new Promise<void>((resolve, reject) => {
    const fail = (err: Error) => reject(new Error(`node-media-server ${what} listener: ${err.message}`));
    server.once('error', fail);
    server.once('listening', () => {
      server.off('error', fail);
      server.on('error', (err) => log.error({ err }, `node-media-server ${what} listener failed`));
      resolve();
    });
  });
}

async function start(opts: NmsOptions): Promise<Running> {
  const log = opts.log.child({ module: 'media', component: 'nms' });
  const rtmpPort = opts.rtmpPort || (await freePort());
  const httpPort = opts.httpPort || (await freePort());
  const restoreLog = redirectLog(log);
  const NodeMediaServer = require('node-media-server') as NmsConstructor;
  const nms = new NodeMediaServer({
    bind: '127.0.0.1',
    rtmp: { port: rtmpPort },
    http: { port: httpPort },
    webadmin: { enable: false },
  });
  // Its JSON store (relay tasks, recordings, history) would write ./data, take a lock file and
  // install SIGINT/SIGTERM handlers that kill the process; we need none of it.
  nms.store.open = async () => {};
  const run = nms.run();
  try {
    await Promise.all([
      listening(nms.rtmpServer.tcpServer, 'RTMP', log),
      listening(nms.httpServer.httpServer, 'HTTP', log),
      run,
    ]);
  } catch (err) {
    await stop({ nms, rtmpPort, httpPort, restoreLog });
    throw err;
  }
  log.info({ rtmpPort, httpPort }, 'node-media-server listening on 127.0.0.1');
  return { nms, rtmpPort, httpPort, restoreLog };
}

async function stop(r: Running): Promise<void> {
  const http = r.nms.httpServer.httpServer;
  const rtmp = r.nms.rtmpServer.tcpServer;
  const closed = [http, rtmp].map(
    (s) => new Promise<void>((resolve) => (s?.listening ? s.once('close', () => resolve()) : resolve())),
  );
  await r.nms.stop();
  // HTTP-FLV responses never end by themselves.
  http?.closeAllConnections();
  await Promise.all(closed);
  const context = require('node-media-server/src/core/context.js') as NmsContext;
  context.sessions.clear();
  context.broadcasts.clear();
  context.eventEmitter.removeAllListeners();
  r.restoreLog();
}
