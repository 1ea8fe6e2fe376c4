import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { GbId, PatrolReport } from '@onpatrol/contracts';
import { Type } from '@sinclair/typebox';
import type { Database } from '../db/database.js';
import { rowCount } from '../db/paging.js';
import { HttpError } from '../errors.js';
import type { RegistryRepository } from '../registry/repository.js';
import { scopeOf } from '../types.js';

const PatrolQuery = Type.Object(
  {
    user: Type.Optional(Type.String({ maxLength: 64 })),
    camera: Type.Optional(GbId),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 500 })),
  },
  { additionalProperties: false },
);

/** The patrol log: what each officer watched, from when to when; every view is also audited. */
export const patrolRoutes: FastifyPluginAsyncTypebox<{ db: Database; repo: RegistryRepository }> = async (
  app,
  { db, repo },
) => {
  app.post(
    '/api/patrol-log',
    {
      config: { permission: 'registry:read' },
      schema: {
        tags: ['patrol'],
        body: PatrolReport,
        description: 'Viewing sessions and wall/tour changes reported by the video wall.',
      },
    },
    async (req, reply) => {
      const user = req.user!;
      const { entries, events = [] } = req.body;
      const visible = await repo.cameraStations(
        scopeOf(user),
        entries.map((e) => e.cameraId),
      );
      entries.forEach((e, i) => {
        if (!visible.has(e.cameraId))
          throw new HttpError(400, `entries.${i}.cameraId: camera ${e.cameraId} not found`, {
            field: `entries.${i}.cameraId`,
          });
        if (Date.parse(e.endedAt) < Date.parse(e.startedAt)) {
          throw new HttpError(400, `entries.${i}.endedAt is before startedAt`, {
            field: `entries.${i}.endedAt`,
          });
        }
      });
      if (entries.length) {
        await db.query(
          `INSERT INTO patrol_log (username, camera_id, station_id, stream, tour, started_at, ended_at)
           SELECT $1, x.camera_id, x.station_id, x.stream, x.tour, x.started_at, x.ended_at
           FROM jsonb_to_recordset($2::jsonb) AS x(camera_id text, station_id text, stream text, tour text, started_at timestamptz, ended_at timestamptz)`,
          [
            user.username,
            JSON.stringify(
              entries.map((e) => ({
                camera_id: e.cameraId,
                station_id: visible.get(e.cameraId),
                stream: e.stream,
                tour: e.tour ?? null,
                started_at: e.startedAt,
                ended_at: e.endedAt,
              })),
            ),
          ],
        );
      }
      for (const e of entries) {
        await req.audit({
          action: 'live.view',
          targetKind: 'camera',
          targetId: e.cameraId,
          stationId: visible.get(e.cameraId) ?? null,
          details: { stream: e.stream, from: e.startedAt, to: e.endedAt, tour: e.tour ?? null },
        });
      }
      for (const e of events)
        await req.audit({ action: `wall.${e.action}`, details: { at: e.at, ...(e.details ?? {}) } });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/patrol-log',
    { config: { permission: 'audit:read' }, schema: { tags: ['patrol'], querystring: PatrolQuery } },
    async (req) => {
      const q = req.query;
      const params: unknown[] = [];
      const where: string[] = [];
      const add = (sql: string, v: unknown) => where.push(sql.replace('?', `$${params.push(v)}`));
      if (req.user!.stationId) add('station_id = ?', req.user!.stationId);
      if (q.user) add('username = ?', q.user);
      if (q.camera) add('camera_id = ?', q.camera);
      if (q.from) add('ended_at >= ?', q.from);
      if (q.to) add('started_at < ?', q.to);
      const rows = await db.query<Record<string, unknown>>(
        `SELECT username, camera_id AS "cameraId", stream, tour, started_at AS "startedAt", ended_at AS "endedAt",
           extract(epoch FROM ended_at - started_at)::float8 AS seconds
         FROM patrol_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY started_at DESC LIMIT ${rowCount(q.limit, 500, 5000)}`,
        params,
      );
      return rows;
    },
  );
};
