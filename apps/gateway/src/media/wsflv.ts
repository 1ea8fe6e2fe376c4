import http, { type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import { type WebSocket, WebSocketServer } from 'ws';
import { SESSION_COOKIE } from '../auth/plugin.js';
import { HttpError, NotFoundError } from '../errors.js';
import { refuseUpgrade } from '../realtime/upgrade.js';
import type { MediaAccess } from './access.js';
import type { MediaService } from './service.js';
import { parseStreamKey } from './validate.js';
import type { ViewingRecorder } from './viewings.js';

/** Where the browser opens a stream's WS-FLV: `${WS_FLV_PREFIX}<key>.flv?exp=…&sig=…`. */
export const WS_FLV_PREFIX = '/media/ws-flv/';

/** Pause the upstream when this much is queued for the browser, resume below LOW_WATER. */
const HIGH_WATER = 1 << 20;
const LOW_WATER = 256 << 10;
/** A viewer that takes nothing for this long is gone or hopeless for live video: hang up. */
const STALLED_VIEWER_MS = 10_000;
/** WebSocket close code 1013 "try again later": the viewer fell too far behind. */
const CLOSE_TOO_SLOW = 1013;
/** 1011: the upstream failed or ended; the player reconnects. */
const CLOSE_UPSTREAM = 1011;

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Only pages of this gateway may open video: a foreign page must not ride the user's cookie. */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** Copies FLV bytes into binary WebSocket messages, pausing the upstream while the viewer lags. */
export function pipeToWebSocket(upstream: IncomingMessage, ws: WebSocket, onDone: () => void): void {
  let queued = 0;
  let pausedAt: number | null = null;
  let finished = false;
  const finish = (code: number, reason: string) => {
    if (finished) return;
    finished = true;
    clearInterval(watchdog);
    upstream.destroy();
    if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, reason);
    onDone();
  };
  const watchdog = setInterval(() => {
    if (pausedAt !== null && Date.now() - pausedAt > STALLED_VIEWER_MS) {
      finish(CLOSE_TOO_SLOW, 'viewer too slow');
      ws.terminate();
    }
  }, 1000);
  watchdog.unref();
  upstream.on('data', (chunk: Buffer) => {
    if (ws.readyState !== ws.OPEN) return;
    queued += chunk.length;
    // The callback runs once the bytes are handed to the socket (or the socket failed).
    ws.send(chunk, { binary: true }, () => {
      queued -= chunk.length;
      if (pausedAt !== null && queued <= LOW_WATER) {
        pausedAt = null;
        upstream.resume();
      }
    });
    if (queued > HIGH_WATER && pausedAt === null) {
      pausedAt = Date.now();
      upstream.pause();
    }
  });
  upstream.on('end', () => finish(CLOSE_UPSTREAM, 'stream ended'));
  upstream.on('error', () => finish(CLOSE_UPSTREAM, 'stream failed'));
  upstream.on('close', () => finish(CLOSE_UPSTREAM, 'stream ended'));
  ws.on('close', () => finish(1000, ''));
  ws.on('error', () => {
    finish(CLOSE_UPSTREAM, '');
    ws.terminate();
  });
}

export interface WsFlvOptions {
  media: MediaService;
  access: MediaAccess;
  log: FastifyBaseLogger;
  viewings?: ViewingRecorder;
}

/**
 * WS-FLV for mpegts.js: the upgrade is checked like every media request (same origin, session,
 * signed URL, stream key) and refused with a plain HTTP status when it fails; once accepted,
 * node-media-server's HTTP-FLV output of the stream (127.0.0.1 only) is relayed as binary
 * messages. The stream stays wanted while the socket is open. close() hangs up every viewer.
 */
export function wsFlvUpgrades({ media, access, log, viewings }: WsFlvOptions) {
  // Browsers send nothing on this socket; a tiny payload limit keeps it that way.
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 1024 });
  const open = new Set<WebSocket>();
  let closed = false;

  const accept = async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://gateway.invalid');
    const file = decodeURIComponent(url.pathname.slice(WS_FLV_PREFIX.length));
    const key = file.endsWith('.flv') ? file.slice(0, -'.flv'.length) : '';
    // Also what keeps a dot (or any other character) out of node-media-server's stream names.
    const parsed = parseStreamKey(key);
    if (!parsed) throw new NotFoundError(`stream ${key || file}`);
    if (!sameOrigin(req)) throw new HttpError(403, 'the page is not from this gateway', { rule: 'origin' });
    const user = await access.user(cookieValue(req.headers.cookie, SESSION_COOKIE));
    access.checkSignature(user, parsed.cameraId, parsed.stream, {
      exp: url.searchParams.get('exp'),
      sig: url.searchParams.get('sig'),
    });
    if (closed) throw new HttpError(503, 'live video is shutting down');
    await media.ensureStream(parsed.cameraId, parsed.stream, { name: user.username, role: user.role });
    const upstreamUrl = await media.flvUpstream(key).catch((err: Error) => {
      log.warn({ err: err.message, key }, 'node-media-server did not grant a play');
      throw new HttpError(503, 'the media server is restarting; try again');
    });
    if (!upstreamUrl) throw new HttpError(503, 'WS-FLV is not available on this gateway');
    const upstream = await new Promise<IncomingMessage>((resolve, reject) => {
      http.get(upstreamUrl, resolve).on('error', reject);
    });
    if (upstream.statusCode !== 200) {
      upstream.resume();
      throw new HttpError(502, `the media server answered ${upstream.statusCode} for ${key}`);
    }
    if (socket.destroyed || closed) {
      upstream.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      open.add(ws);
      const release = media.hold(key, user.username);
      const viewed = viewings?.hold(user.username, parsed.cameraId, parsed.stream);
      pipeToWebSocket(upstream, ws, () => {
        open.delete(ws);
        release();
        viewed?.();
      });
    });
  };

  return {
    handle(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      accept(req, socket, head).catch((err: unknown) => {
        if (err instanceof HttpError) {
          refuseUpgrade(socket, err.statusCode, {
            statusCode: err.statusCode,
            message: err.message,
            ...err.extra,
          });
        } else {
          log.error({ err }, 'WS-FLV upgrade failed');
          refuseUpgrade(socket, 500);
        }
      });
    },
    /** Hang up every viewer (the HTTP server's close does not see upgraded sockets). */
    close(): void {
      closed = true;
      for (const ws of open) ws.terminate();
      open.clear();
      wss.close();
    },
  };
}
