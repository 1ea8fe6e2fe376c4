import type { Incident, IncidentKind, ReportBody } from '@onpatrol/contracts';
import { rowCount } from '../db/paging.js';
import { NotFoundError } from '../errors.js';
import type { Actor, OpsContext } from './context.js';
import { INCIDENT_SELECT, one, toIncident } from './rows.js';

/** Crimes in progress first; suspicious sightings next; the rest after. */
const PRIORITY: Record<Exclude<IncidentKind, 'alarm'>, number> = {
  fight: 1,
  theft: 1,
  fire: 1,
  suspicious_person: 2,
  suspicious_vehicle: 2,
  other: 3,
};

export const OPEN_INCIDENT = "i.status IN ('open', 'dispatched', 'on_scene')";

/** Reports from live video, and incident lists. */
export class IncidentService {
  constructor(private readonly ctx: OpsContext) {}

  /** A duty officer flags what a camera shows; it becomes an incident at that camera, place and time. */
  report(actor: Actor, body: ReportBody): Promise<Incident> {
    return this.ctx.change(async (tx, emit) => {
      const params: unknown[] = [body.cameraId];
      const scoped = actor.stationId ? ` AND c.station_id = $${params.push(actor.stationId)}` : '';
      const [cam] = await tx.query<{ name: string; station_id: string; lat: number; lon: number }>(
        `SELECT c.name, c.station_id, c.lat, c.lon FROM cameras c WHERE c.id = $1${scoped}`,
        params,
      );
      if (!cam) throw new NotFoundError(`camera ${body.cameraId}`);
      const now = new Date().toISOString();
      const timeline = [{ at: now, actor: actor.username, action: 'reported', note: body.note }];
      const [row] = await tx.query<{ id: number }>(
        `INSERT INTO incidents (kind, status, priority, station_id, lat, lon, place, note, plate, camera_id, reported_by, timeline)
         VALUES ($1, 'open', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb) RETURNING id`,
        [
          body.kind,
          PRIORITY[body.kind],
          cam.station_id,
          cam.lat,
          cam.lon,
          cam.name,
          body.note,
          body.plate?.trim().toUpperCase() || null,
          body.cameraId,
          actor.username,
          JSON.stringify(timeline),
        ],
      );
      const incident = await one(tx, `${INCIDENT_SELECT} WHERE i.id = $1`, row!.id, toIncident);
      emit('incident:updated', incident, { stationId: incident.stationId });
      return incident;
    });
  }

  async list(scope: { stationId: string | null }, status?: string, limit = 500): Promise<Incident[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (scope.stationId) where.push(`i.station_id = $${params.push(scope.stationId)}`);
    if (status === 'active') where.push(OPEN_INCIDENT);
    else if (status) where.push(`i.status = $${params.push(status)}`);
    const rows = await this.ctx.db.query<Record<string, unknown>>(
      `${INCIDENT_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY i.priority, i.id DESC LIMIT ${rowCount(limit, 500, 5000)}`,
      params,
    );
    return rows.map(toIncident);
  }

  async get(scope: { stationId: string | null }, id: number): Promise<Incident> {
    const [row] = await this.ctx.db.query<Record<string, unknown>>(`${INCIDENT_SELECT} WHERE i.id = $1`, [
      id,
    ]);
    if (!row || (scope.stationId && row.station_id !== scope.stationId))
      throw new NotFoundError(`incident ${id}`);
    return toIncident(row);
  }
}
