import type { Alarm, AlarmKind, DeviceAlarmBody, Incident } from '@onpatrol/contracts';
import type { Queryable } from '../db/database.js';
import { rowCount } from '../db/paging.js';
import { HttpError, NotFoundError } from '../errors.js';
import { camerasForPoint } from './cameraSelect.js';
import type { Actor, Emit, OpsContext } from './context.js';
import type { RegistryCache } from './registryCache.js';
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
    readonly cache: RegistryCache,
  ) {}

  /**
   * Store a batch of device reports in the caller's transaction: a report merges into an open
   * alarm of the same device and kind from the last `mergeSeconds` (or an earlier one of the same
   * batch); the others become new alarms with the cameras that see their point. Call
   * `cache.ready()` before the transaction.
   */
  async intakeBatch(tx: Queryable, emit: Emit, reports: Array<{ deviceId: string; body: DeviceAlarmBody }>) {
    const key = (r: { deviceId: string; body: { kind: string } }) => `${r.deviceId}|${r.body.kind}`;
    const open = await tx.query<{ id: number; device_id: string; kind: string }>(
      `SELECT DISTINCT ON (device_id, kind) id, device_id, kind FROM alarms
       WHERE device_id = ANY($1::text[]) AND status IN ('new', 'acknowledged') AND last_at > now() - make_interval(secs => $2)
       ORDER BY device_id, kind, id DESC`,
      [[...new Set(reports.map((r) => r.deviceId))], this.timings.mergeSeconds],
    );
    const existing = new Map(open.map((o) => [`${o.device_id}|${o.kind}`, o.id]));
    const repeats = new Map<number, number>(); // alarm id -> reports merged into it
    const fresh = new Map<string, { deviceId: string; kind: AlarmKind; count: number }>();
    for (const r of reports) {
      const id = existing.get(key(r));
      if (id !== undefined) repeats.set(id, (repeats.get(id) ?? 0) + 1);
      else {
        const f = fresh.get(key(r));
        if (f) f.count++;
        else fresh.set(key(r), { deviceId: r.deviceId, kind: r.body.kind, count: 1 });
      }
    }
    const rows = [];
    for (const f of fresh.values()) {
      const d = this.cache.cachedDevice(f.deviceId);
      if (!d) throw new NotFoundError(`alarm device ${f.deviceId}`);
      const cameras = camerasForPoint(d.lat, d.lon, this.cache.camerasNear(d.lat, d.lon));
      rows.push({
        device_id: f.deviceId,
        kind: f.kind,
        priority: PRIORITY[f.kind](d.siteKind),
        station_id: d.stationId,
        count: f.count,
        camera_ids: cameras,
      });
    }
    const created = rows.length
      ? await tx.query<{ id: number; device_id: string; kind: string }>(
          `INSERT INTO alarms (device_id, kind, status, priority, station_id, count, camera_ids)
           SELECT x.device_id, x.kind, 'new', x.priority, x.station_id, x.count, x.camera_ids
           FROM jsonb_to_recordset($1::jsonb) AS x(device_id text, kind text, priority int, station_id text, count int, camera_ids jsonb)
           RETURNING id, device_id, kind`,
          [JSON.stringify(rows)],
        )
      : [];
    for (const c of created) existing.set(`${c.device_id}|${c.kind}`, c.id);
    if (repeats.size) {
      await tx.query(
        `UPDATE alarms a SET count = a.count + x.n, last_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS x(id int, n int) WHERE a.id = x.id`,
        [JSON.stringify([...repeats].map(([id, n]) => ({ id, n })))],
      );
    }
    const changed = await tx.query<Record<string, unknown>>(
      `${ALARM_SELECT} WHERE a.id = ANY($1::int[]) ORDER BY a.id`,
      [[...created.map((c) => c.id), ...repeats.keys()]],
    );
    const createdIds = new Set(created.map((c) => c.id));
    for (const row of changed) {
      const alarm = toAlarm(row);
      emit(createdIds.has(alarm.id) ? 'alarm:raised' : 'alarm:updated', alarm, {
        stationId: alarm.stationId,
      });
    }
    // Each report learns its alarm; all but the first report of a new alarm were merged.
    const seen = new Set<number>();
    return reports.map((r) => {
      const alarmId = existing.get(key(r))!;
      const merged = !createdIds.has(alarmId) || seen.has(alarmId);
      seen.add(alarmId);
      return { alarmId, merged };
    });
  }

  /** Newest first; `status` may be one status or several (e.g. the open ones). */
  async list(
    scope: { stationId: string | null },
    status?: string | readonly string[],
    limit = 500,
  ): Promise<Alarm[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (scope.stationId) where.push(`a.station_id = $${params.push(scope.stationId)}`);
    if (status) where.push(`a.status = ANY($${params.push([status].flat())}::text[])`);
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
