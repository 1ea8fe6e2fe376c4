import { open } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { GbId, LiveUrls } from '@onpatrol/contracts';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../auth/plugin.js';
import type { SessionUser } from '../auth/service.js';
import { NotFoundError, UnauthorizedError } from '../errors.js';
import { MEDIA_PERMISSION, MediaAccess } from './access.js';
import { stampFromFiles } from './pdt.js';
import { HlsParams, LiveQuery, SignedQuery } from './schema.js';
import {
  PLAYLIST,
  parsePlaylist,
  segmentNumber,
  waitForPlaylist,
  withDiscontinuitySequence,
} from './segments.js';
import type { MediaService } from './service.js';
import { signPlaylist, signStream } from './signing.js';
import { streamKey } from './validate.js';
import type { ViewingRecorder } from './viewings.js';
import { WS_FLV_PREFIX, wsFlvUpgrades } from './wsflv.js';

export interface MediaRoutesOptions {
  media: MediaService;
  /** Whether the user's jurisdiction includes the camera (unknown cameras: false). */
  canView: (user: SessionUser, cameraId: string) => Promise<boolean>;
  /** HMAC key of the signed media URLs. */
  secret: Buffer;
  /** After the live route answered 200 (its audit; runs once the reply is sent). */
  liveOpened?: (req: LiveRequest) => Promise<void>;
  /** Told of every delivery of video to a user (the server's viewing records). */
  viewings?: ViewingRecorder;
}

/** A request of the live route, as `liveOpened` gets it. */
export type LiveRequest = FastifyRequest<{ Params: { id: string }; Querystring: { stream?: string } }>;

const PLAYLIST_WAIT_MS = 6000;
const tags = ['media'];

/**
 * Live video: the /api live route hands out signed URLs after the scope check; the /media routes
 * (declared `access: 'media'`: they check the session and the signature themselves) serve HLS
 * from disk and relay WS-FLV from node-media-server, which the browser never reaches directly.
 */
export const mediaRoutes: FastifyPluginAsyncTypebox<MediaRoutesOptions> = async (
  app,
  { media, canView, secret, liveOpened, viewings },
) => {
  const access = new MediaAccess((token) => app.auth.userForToken(token), secret);
  const sessionUser = (req: FastifyRequest) => access.user(req.cookies[SESSION_COOKIE]);

  app.get(
    '/api/cameras/:id/live',
    {
      config: { permission: MEDIA_PERMISSION },
      schema: {
        tags,
        description:
          'Start (or join) the camera stream and return signed HLS and WS-FLV URLs valid for 5 minutes.',
        params: Type.Object({ id: GbId }),
        querystring: LiveQuery,
        response: { 200: LiveUrls },
      },
      onResponse: async (req, reply) => {
        // Route hooks are not typed by the schema; params and query were validated by it.
        if (reply.statusCode === 200) await liveOpened?.(req as LiveRequest);
      },
    },
    async (req) => {
      const user = req.user;
      if (!user) throw new UnauthorizedError();
      const { id } = req.params;
      const stream = req.query.stream ?? 'sub';
      if (!(await canView(user, id))) throw new NotFoundError(`camera ${id}`);
      const info = await media.ensureStream(id, stream, { name: user.username, role: user.role });
      const { query, exp } = signStream(secret, user.username, id, stream, Date.now());
      return {
        cameraId: id,
        stream,
        state: info.status.state,
        hls: `/media/hls/${id}/${stream}/${PLAYLIST}?${query}`,
        wsFlv: `${WS_FLV_PREFIX}${info.key}.flv?${query}`,
        expiresAt: new Date(exp * 1000).toISOString(),
      };
    },
  );

  app.get(
    '/media/hls/:cameraId/:stream/:file',
    {
      // Checked here, not by a permission: the session (cached) and the URL's signature.
      config: { access: 'media' },
      schema: { tags, params: HlsParams, querystring: SignedQuery },
      // Every player polls its playlist and fetches a segment each second: two request log lines
      // per tile and second would drown the log. Who opened which camera is audited (live.open).
      logLevel: 'warn',
    },
    async (req, reply) => {
      const user = await sessionUser(req);
      const { cameraId, stream, file } = req.params;
      access.checkSignature(user, cameraId, stream, req.query);
      const key = streamKey(cameraId, stream);
      const full = path.join(media.hlsDirOf(key), file);
      if (file === PLAYLIST) {
        // A signed URL proves the live route allowed it: restart a stream released meanwhile.
        await media.ensureStream(cameraId, stream, { name: user.username, role: user.role });
        const text = await waitForPlaylist(media.hlsDirOf(key), () => media.isActive(key), PLAYLIST_WAIT_MS);
        if (text === null)
          throw new NotFoundError(`the playlist of ${key} (the stream is not producing video yet)`);
        const query = `exp=${req.query.exp}&sig=${req.query.sig}`;
        const first = segmentNumber(parsePlaylist(text).segments[0] ?? '');
        const run = first === null ? null : media.runOfSegment(key, first);
        const sequenced = run === null ? text : withDiscontinuitySequence(text, run);
        const stamped = stampFromFiles(sequenced, media.hlsDirOf(key), media.segmentTimes(key));
        return reply
          .header('cache-control', 'no-cache')
          .type('application/vnd.apple.mpegurl')
          .send(signPlaylist(stamped, query));
      }
      media.touch(key, user.username);
      const handle = await open(full).catch(() => null);
      if (!handle) throw new NotFoundError(`segment ${file}`);
      viewings?.delivered(user.username, cameraId, stream);
      return reply
        .header('cache-control', 'private, max-age=60')
        .type('video/mp2t')
        .send(handle.createReadStream());
    },
  );

  const wsFlv = wsFlvUpgrades({ media, access, viewings, log: app.log.child({ module: 'media' }) });
  app.upgrades.route(WS_FLV_PREFIX, wsFlv.handle);
  app.addHook('preClose', async () => wsFlv.close());
};
