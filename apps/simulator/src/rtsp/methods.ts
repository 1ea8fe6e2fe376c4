import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import type { CameraInfo, LoopCache } from '../encoder.js';
import type { Faults } from '../faults.js';
import type { StreamHub } from '../hub.js';
import type { RtspRequest } from './parser.js';
import { buildSdp } from './sdp.js';
import { Session } from './session.js';
import { formatTransport, parseTransport } from './transport.js';
import type { UdpPair } from './udp.js';
import { parseStreamUrl, type StreamPath, TRACK } from './url.js';

/** Finds a camera of the registry by its 20-digit ID. */
export type CameraLookup = (cameraId: string) => CameraInfo | undefined;

/** What the RTSP methods work with; the server owns it. */
export interface RtspContext {
  lookup: CameraLookup;
  faults: Faults;
  loops: LoopCache;
  hub: StreamHub;
  udp: UdpPair;
  sessions: Map<string, Session>;
  sessionTimeoutSec: number;
  log: Logger;
  closeSession(session: Session): void;
}

/** A reply to send; `after` runs once it is written (e.g. start sending RTP after the PLAY reply). */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  after?: () => void;
}

export const PUBLIC_METHODS = 'OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER';

/** `::ffff:1.2.3.4` → `1.2.3.4`: dual-stack sockets report IPv4 peers in mapped form. */
export function plainAddress(address: string | undefined): string {
  return (address ?? '').replace(/^::ffff:(?=\d+\.)/, '');
}

type Resolved = { path: StreamPath; camera: CameraInfo } | Reply;

function resolve(ctx: RtspContext, url: string): Resolved {
  const path = parseStreamUrl(url);
  const camera = path && ctx.lookup(path.cameraId);
  if (!path || !camera) return { status: 404 };
  if (ctx.faults.mode(camera.id) === 'offline') return { status: 503 };
  return { path, camera };
}

function sessionOf(ctx: RtspContext, req: RtspRequest): Session | undefined {
  const id = req.headers.get('session')?.split(';')[0]?.trim();
  const session = id ? ctx.sessions.get(id) : undefined;
  if (session) session.lastSeen = Date.now();
  return session;
}

async function describe(ctx: RtspContext, socket: Socket, req: RtspRequest): Promise<Reply> {
  const r = resolve(ctx, req.url);
  if ('status' in r) return r;
  const loop = await ctx.loops.get(r.camera, r.path.profile);
  // The encode may have taken a while: the camera may have gone offline meanwhile.
  if (ctx.faults.mode(r.camera.id) === 'offline') return { status: 503 };
  const body = buildSdp({
    sessionId: String(Date.now()),
    address: plainAddress(socket.localAddress) || '0.0.0.0',
    name: r.camera.name,
    cameraId: r.camera.id,
    profile: r.path.profile,
    loop,
  });
  return {
    status: 200,
    headers: { 'Content-Type': 'application/sdp', 'Content-Base': `${r.path.base}/` },
    body,
  };
}

async function setup(ctx: RtspContext, socket: Socket, req: RtspRequest): Promise<Reply> {
  const r = resolve(ctx, req.url);
  if ('status' in r) return r;
  const transport = parseTransport(req.headers.get('transport'));
  const clientAddress = plainAddress(socket.remoteAddress);
  if (!transport || (transport.kind === 'udp' && clientAddress.includes(':'))) return { status: 461 };
  let session: Session | undefined;
  if (req.headers.has('session')) {
    session = sessionOf(ctx, req);
    if (!session) return { status: 454 };
    if (session.stream.key !== `${r.camera.id}/${r.path.profile}`) return { status: 459 };
    if (session.state === 'playing') return { status: 455 };
    session.transport = transport;
  } else {
    const loop = await ctx.loops.get(r.camera, r.path.profile);
    if (ctx.faults.mode(r.camera.id) === 'offline') return { status: 503 };
    if (socket.destroyed) return { status: 400 };
    const stream = ctx.hub.acquire(r.camera.id, r.path.profile, loop);
    session = new Session(stream, transport, socket, clientAddress, ctx.udp);
    ctx.sessions.set(session.id, session);
    ctx.log.debug({ session: session.id, stream: stream.key, transport: transport.kind }, 'session set up');
  }
  return {
    status: 200,
    headers: {
      Transport: formatTransport(transport, session.stream.ssrc, ctx.udp.ports),
      Session: `${session.id};timeout=${ctx.sessionTimeoutSec}`,
    },
  };
}

function play(ctx: RtspContext, req: RtspRequest): Reply {
  const session = sessionOf(ctx, req);
  if (!session) return { status: 454 };
  if (ctx.faults.mode(session.cameraId) === 'offline') return { status: 503 };
  const base = parseStreamUrl(req.url)?.base ?? req.url.replace(/\/(trackID=0)?$/, '');
  const start = session.stream.nextStart();
  const headers = {
    Session: `${session.id};timeout=${ctx.sessionTimeoutSec}`,
    Range: 'npt=0.000-',
    'RTP-Info': `url=${base}/${TRACK};seq=${start.seq};rtptime=${start.rtptime}`,
  };
  if (session.state === 'playing') return { status: 200, headers };
  return {
    status: 200,
    headers,
    after: () => {
      if (!ctx.sessions.has(session.id)) return;
      session.state = 'playing';
      session.resetToKeyframe();
      ctx.hub.play(session.stream, session);
    },
  };
}

function pause(ctx: RtspContext, req: RtspRequest): Reply {
  const session = sessionOf(ctx, req);
  if (!session) return { status: 454 };
  if (session.state === 'playing') ctx.hub.stop(session.stream, session);
  session.state = 'ready';
  return { status: 200, headers: { Session: session.id } };
}

function teardown(ctx: RtspContext, req: RtspRequest): Reply {
  const session = sessionOf(ctx, req);
  if (!session) return { status: 454 };
  ctx.closeSession(session);
  return { status: 200, headers: { Session: session.id } };
}

/** Answer one request (CSeq and common headers are added by the connection). */
export async function handleRequest(ctx: RtspContext, socket: Socket, req: RtspRequest): Promise<Reply> {
  if (req.version !== 'RTSP/1.0') return { status: 505 };
  const require = req.headers.get('require');
  if (require) return { status: 551, headers: { Unsupported: require } };
  switch (req.method) {
    case 'OPTIONS':
      sessionOf(ctx, req);
      return { status: 200, headers: { Public: PUBLIC_METHODS } };
    case 'DESCRIBE':
      return describe(ctx, socket, req);
    case 'SETUP':
      return setup(ctx, socket, req);
    case 'PLAY':
      return play(ctx, req);
    case 'PAUSE':
      return pause(ctx, req);
    case 'TEARDOWN':
      return teardown(ctx, req);
    case 'GET_PARAMETER':
      // Keep-alive: an unknown session is an error, no session at all is fine.
      if (req.headers.has('session') && !sessionOf(ctx, req)) return { status: 454 };
      return { status: 200 };
    case 'ANNOUNCE':
    case 'RECORD':
    case 'SET_PARAMETER':
    case 'REDIRECT':
      return { status: 405, headers: { Allow: PUBLIC_METHODS } };
    default:
      return { status: 501 };
  }
}
