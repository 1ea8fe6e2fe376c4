import net from 'node:net';
import type { Logger } from 'pino';
import type { LoopCache } from '../encoder.js';
import type { Faults } from '../faults.js';
import type { StreamHub } from '../hub.js';
import { type CameraLookup, handleRequest, plainAddress, type Reply, type RtspContext } from './methods.js';
import { formatResponse, RtspParseError, RtspParser, type RtspRequest } from './parser.js';
import type { Session } from './session.js';
import { UdpPair } from './udp.js';

export interface RtspServerOptions {
  host: string;
  port: number;
  udpPort: number;
  sessionTimeoutSec: number;
  lookup: CameraLookup;
  faults: Faults;
  loops: LoopCache;
  hub: StreamHub;
  log: Logger;
}

const SERVER = 'OnPatrol-Simulator/0.1';

/** The RTSP/1.0 server (RFC 2326): connections, sessions and their timeouts. */
export class RtspServer {
  readonly sessions = new Map<string, Session>();
  private readonly sockets = new Set<net.Socket>();
  private readonly server = net.createServer((socket) => this.accept(socket));
  private sweeper: NodeJS.Timeout | null = null;
  private ctx!: RtspContext;
  connections = 0;

  constructor(private readonly opts: RtspServerOptions) {}

  /** Bind the RTSP port and the UDP pair; resolves with the RTSP port. */
  async listen(): Promise<number> {
    const { opts } = this;
    const udp = await UdpPair.open(opts.host, opts.udpPort, opts.log, (address, port) => {
      for (const s of this.sessions.values()) if (s.isUdpPeer(address, port)) s.lastSeen = Date.now();
    });
    this.ctx = {
      ...opts,
      udp,
      sessions: this.sessions,
      closeSession: (s) => this.closeSession(s),
    };
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(opts.port, opts.host, () => resolve());
    });
    const everyMs = Math.min(1000, (opts.sessionTimeoutSec * 1000) / 4);
    this.sweeper = setInterval(() => this.sweep(), everyMs);
    return (this.server.address() as net.AddressInfo).port;
  }

  get udpPorts(): [number, number] {
    return this.ctx.udp.ports;
  }

  /** End every session of a camera and the connections they use (the camera went offline). */
  closeCamera(cameraId: string): number {
    let closed = 0;
    for (const s of [...this.sessions.values()]) {
      if (s.cameraId !== cameraId) continue;
      this.closeSession(s);
      s.socket.destroy();
      closed++;
    }
    return closed;
  }

  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    for (const s of [...this.sessions.values()]) this.closeSession(s);
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.ctx?.udp.close();
  }

  private closeSession(s: Session): void {
    if (!this.sessions.delete(s.id)) return;
    if (s.state === 'playing') this.opts.hub.stop(s.stream, s);
    this.opts.hub.release(s.stream);
    this.opts.log.debug({ session: s.id, stream: s.stream.key, packets: s.packetsSent }, 'session closed');
  }

  private sweep(): void {
    const limit = Date.now() - this.opts.sessionTimeoutSec * 1000;
    for (const s of [...this.sessions.values()]) {
      if (s.lastSeen >= limit) continue;
      this.opts.log.info({ session: s.id, stream: s.stream.key }, 'session timed out');
      this.closeSession(s);
      // Over TCP the connection is the only way the client learns the session is gone.
      if (s.transport.kind === 'tcp') s.socket.destroy();
    }
  }

  private accept(socket: net.Socket): void {
    const log = this.opts.log.child({ peer: `${plainAddress(socket.remoteAddress)}:${socket.remotePort}` });
    this.sockets.add(socket);
    this.connections++;
    socket.setNoDelay(true);
    // Requests are answered in order even when one (a DESCRIBE waiting for an encode) is slow.
    let queue = Promise.resolve();
    const parser = new RtspParser(
      (req) => {
        queue = queue.then(() => this.respond(socket, req, log));
      },
      () => {
        // Interleaved RTCP from the client: its sessions on this connection are alive.
        const now = Date.now();
        for (const s of this.sessions.values()) if (s.socket === socket) s.lastSeen = now;
      },
    );
    socket.on('data', (chunk) => {
      try {
        parser.push(chunk);
      } catch (err) {
        if (!(err instanceof RtspParseError)) throw err;
        log.warn({ err: err.message }, 'closing connection: not RTSP');
        socket.write(formatResponse(400, { Server: SERVER }));
        socket.destroy();
      }
    });
    socket.on('error', (err) => log.debug({ err: err.message }, 'connection error'));
    socket.on('close', () => {
      this.sockets.delete(socket);
      for (const s of [...this.sessions.values()]) if (s.socket === socket) this.closeSession(s);
    });
  }

  private async respond(socket: net.Socket, req: RtspRequest, log: Logger): Promise<void> {
    const cseq = req.headers.get('cseq');
    let reply: Reply;
    if (cseq === undefined || !/^\d+$/.test(cseq)) {
      reply = { status: 400 };
    } else {
      try {
        reply = await handleRequest(this.ctx, socket, req);
      } catch (err) {
        log.error({ err, method: req.method, url: req.url }, 'request failed');
        reply = { status: 500 };
      }
    }
    if (socket.destroyed) return;
    log.debug({ method: req.method, url: req.url, status: reply.status }, 'rtsp request');
    const headers = { ...(cseq !== undefined ? { CSeq: cseq } : {}), Server: SERVER, ...reply.headers };
    socket.write(formatResponse(reply.status, headers, reply.body));
    reply.after?.();
  }
}
