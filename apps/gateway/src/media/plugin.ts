import { randomBytes } from 'node:crypto';
import type { Alarm } from '@onpatrol/contracts';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { GatewayConfig } from '../config.js';
import { cameraRooms, seesStationCameras } from '../realtime/rooms.js';
import type { RegistryRepository } from '../registry/repository.js';
import { scopeOf } from '../types.js';
import { type LiveRequest, mediaRoutes, startMedia } from './index.js';
import type { MediaService } from './service.js';
import { Viewings } from './viewings.js';

/** Live-URL requests for the same camera closer together than this are one viewing (renewals). */
const LIVE_OPEN_GAP_MS = 10 * 60_000;

declare module 'fastify' {
  interface FastifyInstance {
    media: MediaService;
    /** When the gateway delivered which camera's video to whom (patrol log, proof of watching). */
    viewings: Viewings;
  }
}

const ALL = { stationId: null };
const PREWARM_DEBOUNCE_MS = 2000;

/**
 * Live video wired into the gateway: camera lookups from the registry, stream status pushed over
 * socket.io to the camera's station and the command centre, and the pre-warm list (the gate
 * camera of every key site, and the cameras of every open alarm).
 */
export const mediaPlugin = fp(
  async (app: FastifyInstance, opts: { config: GatewayConfig['media']; repo: RegistryRepository }) => {
    const { config, repo } = opts;
    const stationOf = new Map<string, string>();
    const media = await startMedia(
      {
        hlsDir: config.hlsDir,
        maxStreams: config.maxStreams,
        commandReserve: config.commandReserve,
        userStreams: config.userStreams,
        idleMs: config.idleSeconds * 1000,
        nmsRtmpPort: config.nmsRtmpPort,
        nmsHttpPort: config.nmsHttpPort,
        ffmpegPath: config.ffmpegPath,
        segmentSeconds: 1,
        listSize: 4,
      },
      {
        log: app.log.child({ module: 'media' }),
        lookupCamera: async (id) => {
          const camera = await repo.camera(ALL, id);
          const set = camera && (await repo.cameraSet(ALL, camera.setId));
          if (!camera || !set) return undefined;
          stationOf.set(id, camera.stationId);
          return {
            id,
            mainUrl: camera.mainUrl,
            subUrl: camera.subUrl,
            setHost: set.host,
            setPort: set.rtspPort,
          };
        },
      },
    );
    app.decorate('media', media);
    app.addHook('onClose', () => media.close());
    const viewings = new Viewings(app.ops.ctx.db, { log: app.log });
    app.decorate('viewings', viewings);
    app.addHook('onClose', () => viewings.close());
    // Stream states go only to those who may see the camera: the command centre and its station.
    media.on('status', (s) =>
      app.realtime.io.to(cameraRooms(stationOf.get(s.cameraId))).emit('camera:status', s),
    );
    app.realtime.onConnect((socket) => {
      const { user } = socket.data;
      socket.emit(
        'camera:statuses',
        media.statuses().filter((s) => seesStationCameras(user, stationOf.get(s.cameraId))),
      );
    });
    // Opening a camera's live video is an accountable act; how long it was watched comes from
    // the wall's patrol log. A player renews its signed URLs every few minutes while it plays:
    // those renewals continue one opening, so only a request after a pause is a new one.
    const lastAsked = new Map<string, number>();
    const liveOpened = async (req: LiveRequest) => {
      if (!req.user) return;
      const { id } = req.params;
      const stream = req.query.stream ?? 'sub';
      const key = `${req.user.username}/${id}/${stream}`;
      const now = Date.now();
      const previous = lastAsked.get(key);
      lastAsked.set(key, now);
      if (lastAsked.size > 20_000) {
        for (const [k, at] of lastAsked) if (now - at > LIVE_OPEN_GAP_MS) lastAsked.delete(k);
      }
      if (previous !== undefined && now - previous < LIVE_OPEN_GAP_MS) return;
      await req.audit({
        action: 'live.open',
        targetKind: 'camera',
        targetId: id,
        stationId: stationOf.get(id) ?? null,
        details: { stream },
      });
    };
    await app.register(mediaRoutes, {
      media,
      liveOpened,
      viewings,
      secret: config.urlSecret ?? randomBytes(32),
      canView: async (user, id) => Boolean(await repo.camera(scopeOf(user), id)),
    });

    // Pre-warm: key-site gate cameras always, plus the cameras of alarms still open.
    const keySiteCameras = config.prewarmKeySites
      ? (
          await app.ops.ctx.db.query<{ id: string }>(
            `SELECT DISTINCT ON (c.site_id) c.id FROM cameras c JOIN sites s ON s.id = c.site_id
             WHERE s.kind = 'key_site' AND c.status = 'online' ORDER BY c.site_id, c.channel`,
          )
        ).map((r) => r.id)
      : [];
    // An alarm storm must not turn into a pull storm: the best camera of the most recent open
    // alarms only, and at most every couple of seconds.
    const refreshPrewarm = async () => {
      const recent = config.prewarmAlarms
        ? await app.ops.alarms.list(ALL, ['new', 'acknowledged'], config.prewarmAlarms)
        : [];
      const alarmCameras = recent.flatMap((a: Alarm) => a.cameraIds.slice(0, 1));
      await media.setPrewarm([...new Set([...keySiteCameras, ...alarmCameras])]);
    };
    let timer: NodeJS.Timeout | null = null;
    const schedule = () => {
      timer ??= setTimeout(() => {
        refreshPrewarm()
          .catch((err) => app.log.warn({ err }, 'pre-warm refresh failed'))
          .finally(() => {
            timer = null;
          });
      }, PREWARM_DEBOUNCE_MS);
    };
    app.addHook('onClose', async () => {
      if (timer) clearTimeout(timer);
    });
    app.addHook('onReady', async () => schedule());
    app.ops.onEvent((name) => {
      if (name === 'alarm:raised' || name === 'alarm:updated') schedule();
    });
  },
  { name: 'media', dependencies: ['realtime', 'ops'] },
);
