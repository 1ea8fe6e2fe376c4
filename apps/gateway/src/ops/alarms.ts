import type { Alarm, AlarmKind, DeviceAlarmBody, Incident } from '@onpatrol/contracts';
import type { Queryable } from '../db/database.js';
import { rowCount } from '../db/paging.js';
import { HttpError, NotFoundError } from '../errors.js';
import { type CameraView, camerasForPoint } from './cameraSelect.js';
import type { Actor, OpsContext } from './context.js';
import { ALARM_SELECT, INCIDENT_SELECT, one, toAlarm, toIncident } from './rows.js';

export interface AlarmTimings {
  /** Repeats from one device within this window merge into one alarm. */
  mergeSeconds: number;
  /** An alarm not acknowledged within this time escalates to the shift leader. */
  ackSeconds: number;
}

const PRIORITY: Record<AlarmKind, (siteKind: string) => number> = {
  intrusion: (k) => (k === 'key_site' ? 1 : 2),
  tamper: () => 2,
  fault: () => 3,
};

const byId = `${ALARM_SELECT} WHERE a.id = $1`;

/** Alarm intake, merging, camera selection and the duty officer's handling. */
export class AlarmService {
  constructor(
    private readonly ctx: OpsContext,
    private readonly timings: AlarmTimings,
  ) {}

  /** Store a device's report (merged with an open alarm of the same kind when recent). */
  async intake(
    tx: Queryable,
    emit: Parameters<Parameters<OpsContext['change']>[0]>[1],
    deviceId: string,
    body: DeviceAlarmBody,
  ): Promise<{ alarmId: number; merged: boolean }> {
    const [open] = await tx.query<{ id: number }>(
      `SELECT id FROM alarms WHERE device_id = $1 AND kind = $2 AND status IN ('new', 'acknowledged')
         AND last_at > now() - make_interval(secs => $3) ORDER BY id DESC LIMIT 1`,
      [deviceId, body.kind, this.timings.mergeSeconds],
    );
    if (open) {
      await tx.query('UPDATE alarms SET count = count + 1, last_at = now() WHERE id = $1', [open.id]);
      const alarm = await one(tx, byId, open.id, toAlarm);
      emit('alarm:updated', alarm, { stationId: alarm.stationId });
      return { alarmId: open.id, merged: true };
    }
    const [device] = await tx.query<{ station_id: string; lat: number; lon: number; kind: string }>(
      `SELECT d.station_id, d.lat, d.lon, s.kind FROM alarm_devices d JOIN sites s ON s.id = d.site_id WHERE d.id = $1`,
      [deviceId],
    );
    if (!device) throw new NotFoundError(`alarm device ${deviceId}`);
    const cameras = await tx.query<CameraView>(
      `SELECT id, lat, lon, bearing, fov, range_m AS range, status FROM cameras
       WHERE lat BETWEEN $1 - 0.003 AND $1 + 0.003 AND lon BETWEEN $2 - 0.004 AND $2 + 0.004`,
      [device.lat, device.lon],
    );
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO alarms (device_id, kind, status, priority, station_id, camera_ids)
       VALUES ($1, $2, 'new', $3, $4, $5::jsonb) RETURNING id`,
      [
        deviceId,
        body.kind,
        PRIORITY[body.kind](device.kind),
        device.station_id,
        JSON.stringify(camerasForPoint(device.lat, device.lon, cameras)),
      ],
    );
    const alarm = await one(tx, byId, row!.id, toAlarm);
    emit('alarm:raised', alarm, { stationId: alarm.stationId });
    return { alarmId: alarm.id, merged: false };
  }

  async list(scope: { stationId: string | null }, status?: string, limit = 500): Promise<Alarm[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (scope.stationId) where.push(`a.station_id = $${params.push(scope.stationId)}`);
    if (status) where.push(`a.status = $${params.push(status)}`);
    const rows = await this.ctx.db.query<Record<string, unknown>>(
      `${ALARM_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.id DESC LIMIT ${rowCount(limit, 500, 5000)}`,
      params,
    );
    return rows.map(toAlarm);
  }

  /** The alarm as the actor may see it, locked for change. */
  private async load(tx: Queryable, actor: Actor, id: number): Promise<Alarm> {
    const [row] = await tx.query<Record<string, unknown>>(`${byId} FOR UPDATE OF a`, [id]);
    if (!row || (actor.stationId && row.station_id !== actor.stationId))
      throw new NotFoundError(`alarm ${id}`);
    return toAlarm(row);
  }

  acknowledge(actor: Actor, id: number): Promise<Alarm> {
    return this.ctx.change(async (tx, emit) => {
      const a = await this.load(tx, actor, id);
      if (a.status !== 'new')
        throw new HttpError(409, `alarm ${id} is ${a.status}, not new`, { rule: 'alarm-state' });
      await tx.query(`UPDATE alarms SET status = 'acknowledged', ack_by = $2, ack_at = now() WHERE id = $1`, [
        id,
        actor.username,
      ]);
      const alarm = await one(tx, byId, id, toAlarm);
      emit('alarm:updated', alarm, { stationId: alarm.stationId });
      return alarm;
    });
  }

  dismiss(actor: Actor, id: number, reason: string): Promise<Alarm> {
    return this.ctx.change(async (tx, emit) => {
      const a = await this.load(tx, actor, id);
      if (a.status !== 'new' && a.status !== 'acknowledged') {
        throw new HttpError(409, `alarm ${id} is already ${a.status}`, { rule: 'alarm-state' });
      }
      await tx.query(
        `UPDATE alarms SET status = 'dismissed', dismiss_reason = $3, closed_by = $2, closed_at = now(),
           ack_by = coalesce(ack_by, $2), ack_at = coalesce(ack_at, now()) WHERE id = $1`,
        [id, actor.username, reason],
      );
      const alarm = await one(tx, byId, id, toAlarm);
      emit('alarm:updated', alarm, { stationId: alarm.stationId });
      return alarm;
    });
  }

  /** Turn an alarm into an incident for the shift leader's dispatch board. */
  escalate(actor: Actor, id: number, note = ''): Promise<Incident> {
    return this.ctx.change(async (tx, emit) => {
      const a = await this.load(tx, actor, id);
      if (a.status !== 'new' && a.status !== 'acknowledged') {
        throw new HttpError(409, `alarm ${id} is already ${a.status}`, { rule: 'alarm-state' });
      }
      const timeline = [
        { at: a.raisedAt, actor: null, action: 'alarm_raised', note: `${a.deviceName} ${a.zone}` },
        { at: new Date().toISOString(), actor: actor.username, action: 'escalated', note },
      ];
      const [inc] = await tx.query<{ id: number }>(
        `INSERT INTO incidents (kind, status, priority, station_id, lat, lon, place, note, camera_id, alarm_id, reported_by, timeline)
         VALUES ('alarm', 'open', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb) RETURNING id`,
        [
          a.priority,
          a.stationId,
          a.lat,
          a.lon,
          `${a.siteName} ${a.zone}`,
          note,
          a.cameraIds[0] ?? null,
          a.id,
          actor.username,
          JSON.stringify(timeline),
        ],
      );
      await tx.query(
        `UPDATE alarms SET status = 'escalated', incident_id = $3, closed_by = $2, closed_at = now(),
           ack_by = coalesce(ack_by, $2), ack_at = coalesce(ack_at, now()) WHERE id = $1`,
        [id, actor.username, inc!.id],
      );
      const alarm = await one(tx, byId, id, toAlarm);
      const incident = await one(tx, `${INCIDENT_SELECT} WHERE i.id = $1`, inc!.id, toIncident);
      emit('alarm:updated', alarm, { stationId: alarm.stationId });
      emit('incident:updated', incident, { stationId: incident.stationId });
      return incident;
    });
  }

  /** Mark alarms nobody acknowledged in time as overdue: the shift leader gets them too. */
  sweepOverdue(): Promise<number> {
    return this.ctx.change(async (tx, emit) => {
      const rows = await tx.query<{ id: number }>(
        `UPDATE alarms SET overdue = true WHERE status = 'new' AND NOT overdue
           AND raised_at < now() - make_interval(secs => $1) RETURNING id`,
        [this.timings.ackSeconds],
      );
      for (const r of rows) {
        const alarm = await one(tx, byId, r.id, toAlarm);
        emit('alarm:updated', alarm, { stationId: alarm.stationId });
      }
      return rows.length;
    });
  }
}
