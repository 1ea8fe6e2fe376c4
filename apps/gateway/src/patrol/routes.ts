import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { GbId, PatrolReport } from '@onpatrol/contracts';
import { Type } from '@sinclair/typebox';
import type { Database } from '../db/database.js';
import { rowCount } from '../db/paging.js';
import { HttpError } from '../errors.js';
import type { RegistryRepository } from '../registry/repository.js';
import { scopeOf } from '../types.js';
import { clampToViewings, reportDetails } from './report.js';

const PatrolReportResult = Type.Object({
  /** Patrol-log rows written (a session spanning a gap in delivery gives one per piece). */
  stored: Type.Integer(),
  /** Seconds stored, after cutting to what the gateway delivered. */
  seconds: Type.Number(),
  /** Sessions shortened to the gateway's viewing records. */
  clamped: Type.Integer(),
  /** Indexes of sessions in which no video of the camera reached the user (nothing stored). */
  unseen: Type.Array(Type.Integer()),
});

/** Wall events recorded one by one per report; the rest are counted in the report's record. */
const WALL_EVENTS_RECORDED = 20;

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

/**
 * The patrol log: what each officer watched, from when to when, as far as the gateway delivered
 * it; each report is audited as one record.
 */
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
        response: { 200: PatrolReportResult },
        description:
          'Viewing sessions and wall/tour changes reported by the video wall. Each session is stored cut to ' +
          'the intervals in which the gateway delivered that camera to the user; one audit record sums up the report.',
      },
    },
    async (req) => {
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
      // Durations are bounded by what the gateway delivered, whatever times the wall sends.
      const seen = entries.length
        ? await app.viewings.intervals(
            user.username,
            [...new Set(entries.map((e) => e.cameraId))],
            Math.min(...entries.map((e) => Date.parse(e.startedAt))),
            Math.max(...entries.map((e) => Date.parse(e.endedAt))),
          )
        : new Map();
      const outcome = clampToViewings(entries, seen);
      if (outcome.rows.length) {
        await db.query(
          `INSERT INTO patrol_log (username, camera_id, station_id, stream, tour, started_at, ended_at)
           SELECT $1, x.camera_id, x.station_id, x.stream, x.tour, x.started_at, x.ended_at
           FROM jsonb_to_recordset($2::jsonb) AS x(camera_id text, station_id text, stream text, tour text, started_at timestamptz, ended_at timestamptz)`,
          [
            user.username,
            JSON.stringify(
              outcome.rows.map((r) => ({
                camera_id: r.cameraId,
                station_id: visible.get(r.cameraId),
                stream: r.stream,
                tour: r.tour,
                started_at: r.startedAt,
                ended_at: r.endedAt,
              })),
            ),
          ],
        );
      }
      // Wall events: the first few each get a record, the rest are counted in the report's.
      // Their time is the server's; what the browser sent is kept apart, never over the record.
      const notRecorded: Record<string, number> = {};
      for (const [i, e] of events.entries()) {
        if (i < WALL_EVENTS_RECORDED) {
          await req.audit({
            action: `wall.${e.action}`,
            details: { clientAt: e.at, client: e.details ?? {} },
          });
        } else notRecorded[e.action] = (notRecorded[e.action] ?? 0) + 1;
      }
      const recorded = Math.min(events.length, WALL_EVENTS_RECORDED);
      if (entries.length || recorded < events.length) {
        const cameras = new Set(entries.map((e) => e.cameraId));
        const stations = new Set(entries.map((e) => visible.get(e.cameraId)));
        await req.audit({
          action: 'patrol.report',
          targetKind: cameras.size === 1 ? 'camera' : null,
          targetId: cameras.size === 1 ? [...cameras][0] : null,
          stationId: stations.size === 1 ? ([...stations][0] ?? null) : null,
          details: reportDetails(entries, outcome, { recorded, notRecorded }),
        });
      }
      return {
        stored: outcome.rows.length,
        seconds: Math.round(outcome.storedSeconds * 10) / 10,
        clamped: outcome.clamped,
        unseen: outcome.unseen,
      };
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
