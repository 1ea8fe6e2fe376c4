import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Takes over an HTTP upgrade: completes it, or refuses it with refuseUpgrade(). */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * The HTTP server's `upgrade` event, shared by socket.io and the media WebSockets. Node emits it
 * to every listener, so each path prefix has exactly one owner, and upgrades nobody owns are
 * answered 404 instead of being left open.
 */
export interface Upgrades {
  /** Upgrades whose path starts with `prefix` go to `handler`. */
  route(prefix: string, handler: UpgradeHandler): void;
  /** Upgrades under `prefix` belong to a listener attached by someone else (socket.io's engine). */
  pass(prefix: string): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    upgrades: Upgrades;
  }
}

/**
 * Answers an upgrade request with a plain HTTP error instead of switching protocols, so the
 * client sees why (401, 403, 404 …) and no socket stays open.
 */
export function refuseUpgrade(
  socket: Duplex,
  statusCode: number,
  body: Record<string, unknown> = { statusCode, message: STATUS_CODES[statusCode] },
): void {
  if (socket.destroyed) return;
  const json = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode] ?? 'Error'}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: application/json; charset=utf-8\r\n' +
      'Cache-Control: no-store\r\n' +
      `Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`,
  );
  // A client that never reads must not keep the socket.
  setTimeout(() => socket.destroy(), 1000).unref();
}

export const upgradePlugin = fp(
  async (app: FastifyInstance) => {
    const routes: Array<{ prefix: string; handler: UpgradeHandler | null }> = [];
    app.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = req.url ?? '/';
      const owner = routes.find((r) => url.startsWith(r.prefix));
      if (owner && !owner.handler) return;
      // Node removed its own error listener when it emitted the upgrade: a reset must not crash us.
      socket.on('error', () => socket.destroy());
      if (owner?.handler) owner.handler(req, socket, head);
      else refuseUpgrade(socket, 404);
    });
    app.decorate('upgrades', {
      route(prefix, handler) {
        routes.push({ prefix, handler });
      },
      pass(prefix) {
        routes.push({ prefix, handler: null });
      },
    } satisfies Upgrades);
  },
  { name: 'upgrades' },
);
