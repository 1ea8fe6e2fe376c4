import { open, readFile } from 'node:fs/promises';
import http, { type IncomingMessage } from 'node:http';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { GbId, LiveUrls, roleHas } from '@onpatrol/contracts';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../auth/plugin.js';
import type { SessionUser } from '../auth/service.js';
import { ForbiddenError, HttpError, NotFoundError, UnauthorizedError } from '../errors.js';
import { FlvParams, HlsParams, LiveQuery, SignedQuery } from './schema.js';
import { PLAYLIST } from './segments.js';
import type { MediaService } from './service.js';
import { signPlaylist, signStream, verifyStream } from './signing.js';
import { parseStreamKey, streamKey } from './validate.js';

export interface MediaRoutesOptions {
  media: MediaService;
  /** Whether the user's jurisdiction includes the camera (unknown cameras: false). */
  canView: (user: SessionUser, cameraId: string) => Promise<boolean>;
  /** HMAC key of the signed media URLs. */
  secret: Buffer;
}

const PERMISSION = 'registry:read';
const SESSION_CACHE_MS = 5000;
const PLAYLIST_WAIT_MS = 6000;
const tags = ['media'];

/**
 * Live video: the /api live route hands out signed URLs after the scope check; the /media routes
 * (outside /api, so they check the session themselves) serve HLS from disk and proxy HTTP-FLV
 * from node-media-server, which the browser never reaches directly.
 */
export const mediaRoutes: FastifyPluginAsyncTypebox<MediaRoutesOptions> = async (
  app,
  { media, canView, secret },
) => {
  // Every tile asks for a segment each second; a short cache spares the session table.
  const sessions = new Map<string, { user: SessionUser; until: number }>();
  const sessionUser = async (req: FastifyRequest): Promise<SessionUser> => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token) throw new UnauthorizedError();
    const hit = sessions.get(token);
    let user = hit && hit.until > Date.now() ? hit.user : null;
    if (!user) {
      user = await app.auth.userForToken(token);
      if (!user) throw new UnauthorizedError();
      if (sessions.size > 1000) sessions.clear();
      sessions.set(token, { user, until: Date.now() + SESSION_CACHE_MS });
    }
    if (!roleHas(user.role, PERMISSION)) throw new ForbiddenError(PERMISSION);
    return user;
  };
  const checkSignature = (
    user: SessionUser,
    cameraId: string,
    stream: string,
    q: { exp?: string; sig?: string },
  ) => {
    if (!verifyStream(secret, user.username, cameraId, stream, q.exp, q.sig, Date.now())) {
      throw new HttpError(
        403,
        'the media URL is expired or not signed for you; request /api/cameras/:id/live again',
        {
          rule: 'signed-url',
        },
      );
    }
  };

  app.get(
    '/api/cameras/:id/live',
    {
      config: { permission: PERMISSION },
      schema: {
        tags,
        description:
          'Start (or join) the camera stream and return signed HLS and HTTP-FLV URLs valid for 5 minutes.',
        params: Type.Object({ id: GbId }),
        querystring: LiveQuery,
        response: { 200: LiveUrls },
      },
    },
    async (req) => {
      const user = req.user;
      if (!user) throw new UnauthorizedError();
      const { id } = req.params;
      const stream = req.query.stream ?? 'sub';
      if (!(await canView(user, id))) throw new NotFoundError(`camera ${id}`);
      const info = await media.ensureStream(id, stream, user.username);
      const { query, exp } = signStream(secret, user.username, id, stream, Date.now());
      return {
        cameraId: id,
        stream,
        state: info.status.state,
        hls: `/media/hls/${id}/${stream}/${PLAYLIST}?${query}`,
        flv: `/media/flv/${info.key}.flv?${query}`,
        expiresAt: new Date(exp * 1000).toISOString(),
      };
    },
  );

  app.get(
    '/media/hls/:cameraId/:stream/:file',
    { schema: { tags, params: HlsParams, querystring: SignedQuery } },
    async (req, reply) => {
      const user = await sessionUser(req);
      const { cameraId, stream, file } = req.params;
      checkSignature(user, cameraId, stream, req.query);
      const key = streamKey(cameraId, stream);
      const full = path.join(media.hlsDirOf(key), file);
      if (file === PLAYLIST) {
        // A signed URL proves the live route allowed it: restart a stream released meanwhile.
        await media.ensureStream(cameraId, stream, user.username);
        const text = await waitForPlaylist(full, () => media.isActive(key));
        if (text === null)
          throw new NotFoundError(`the playlist of ${key} (the stream is not producing video yet)`);
        const query = `exp=${req.query.exp}&sig=${req.query.sig}`;
        return reply
          .header('cache-control', 'no-cache')
          .type('application/vnd.apple.mpegurl')
          .send(signPlaylist(text, query));
      }
      media.touch(key, user.username);
      const handle = await open(full).catch(() => null);
      if (!handle) throw new NotFoundError(`segment ${file}`);
      return reply
        .header('cache-control', 'private, max-age=60')
        .type('video/mp2t')
        .send(handle.createReadStream());
    },
  );

  app.get(
    '/media/flv/:file',
    { schema: { tags, params: FlvParams, querystring: SignedQuery } },
    async (req, reply) => {
      const user = await sessionUser(req);
      const key = req.params.file.slice(0, -'.flv'.length);
      const parsed = parseStreamKey(key);
      if (!parsed) throw new NotFoundError(`stream ${key}`);
      checkSignature(user, parsed.cameraId, parsed.stream, req.query);
      await media.ensureStream(parsed.cameraId, parsed.stream, user.username);
      const upstreamUrl = media.flvUpstream(key);
      if (!upstreamUrl) throw new HttpError(503, 'HTTP-FLV is not available on this gateway');
      const upstream = await new Promise<IncomingMessage>((resolve, reject) => {
        http.get(upstreamUrl, resolve).on('error', reject);
      });
      if (upstream.statusCode !== 200) {
        upstream.resume();
        throw new HttpError(502, `the media server answered ${upstream.statusCode} for ${key}`);
      }
      // The stream stays wanted for as long as this response is open.
      const release = media.hold(key, user.username);
      reply.raw.on('close', () => {
        release();
        upstream.destroy();
      });
      return reply.header('cache-control', 'no-store').type('video/x-flv').send(upstream);
    },
  );
};

/** The playlist text, waiting while the stream is starting (ffmpeg writes it after the first segment). */
async function waitForPlaylist(file: string, active: () => boolean): Promise<string | null> {
  const deadline = Date.now() + PLAYLIST_WAIT_MS;
  for (;;) {
    try {
      return await readFile(file, 'utf8');
    } catch {
      if (!active() || Date.now() >= deadline) return null;
      await sleep(250);
    }
  }
}
