import type { OpsEventName } from '@onpatrol/contracts';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AuditService } from '../audit/service.js';
import type { Database } from '../db/database.js';
import { COMMAND_ROOM, stationRoom, unitRoom } from '../realtime/plugin.js';
import { AlarmService, type AlarmTimings } from './alarms.js';
import { OpsContext } from './context.js';
import { deviceRoutes, type RefusalCounts } from './device.js';
import { DispatchService } from './dispatch.js';
import { Broadcaster, EventStore, type StoredEvent } from './events.js';
import { sendEvents } from './fanout.js';
import { IncidentService } from './incidents.js';
import { AlarmIntake } from './intake.js';
import { DeviceNonces } from './nonces.js';
import { RegistryCache } from './registryCache.js';
import { opsRoutes } from './routes.js';
import type { OpsServices } from './services.js';
import { attachOpsSocket } from './socket.js';
import { UnitService } from './units.js';

export interface OpsOptions {
  db: Database;
  audit: AuditService;
  deviceKeySecret: string | null;
  timings: AlarmTimings;
}

declare module 'fastify' {
  interface FastifyInstance {
    ops: OpsServices;
  }
}

/**
 * Alarms, reports, dispatch and street units: REST, device endpoints and socket commands over one
 * event log. Needs the realtime plugin.
 */
export const opsPlugin = fp(
  async (app: FastifyInstance, opts: OpsOptions): Promise<void> => {
    const io = app.realtime.io;
    const events = new EventStore(opts.db);
    const listeners: Array<(name: OpsEventName, data: unknown) => void> = [];
    const send = (batch: StoredEvent[]) => {
      for (const { event } of batch) for (const l of listeners) l(event.name, event.data);
      sendEvents(io, batch);
    };
    const broadcaster = new Broadcaster(events, send);
    await broadcaster.init();
    const ctx = new OpsContext(opts.db, events, broadcaster, opts.audit);
    const alarms = new AlarmService(ctx, opts.timings, new RegistryCache(opts.db));
    const units = new UnitService(ctx);
    const nonces = new DeviceNonces(opts.db);
    const services: OpsServices = {
      ctx,
      alarms,
      intake: new AlarmIntake(ctx, alarms, nonces),
      nonces,
      incidents: new IncidentService(ctx),
      dispatch: new DispatchService(ctx),
      units,
      onEvent: (l) => listeners.push(l),
      async positions(unitId, lat, lon) {
        const stored = await units.position(unitId, lat, lon);
        if (!stored) return;
        io.to([COMMAND_ROOM, stationRoom(stored.stationId), unitRoom(unitId)]).emit('unit:position', {
          id: unitId,
          lat,
          lon,
          at: stored.at,
        });
      },
    };
    app.decorate('ops', services);

    const refusals: RefusalCounts = {
      unknown_device: 0,
      bad_signature: 0,
      stale_timestamp: 0,
      malformed: 0,
      replayed: 0,
      invalid_body: 0,
    };
    await app.register(opsRoutes, { ops: services });
    await app.register(deviceRoutes, { ops: services, secret: opts.deviceKeySecret, refusals });
    app.get(
      '/api/device/refusals',
      { config: { permission: 'ops:read' }, schema: { tags: ['devices'] } },
      async () => refusals,
    );

    app.realtime.onConnect((socket) => attachOpsSocket(socket, services, app.log.child({ module: 'ops' })));

    // Alarms nobody acknowledged in time go to the shift leader as overdue.
    const sweep = setInterval(() => {
      alarms.sweepOverdue().catch((err) => app.log.error({ err }, 'overdue sweep failed'));
    }, 5000);
    sweep.unref();
    // Nonces older than the clock-skew window can no longer be replayed (the timestamp check
    // refuses them first), so the table holds a few minutes of device traffic.
    const prune = setInterval(() => {
      nonces.prune().catch((err) => app.log.error({ err }, 'pruning device nonces failed'));
    }, 60_000);
    prune.unref();
    app.addHook('onClose', async () => {
      clearInterval(sweep);
      clearInterval(prune);
    });
  },
  { name: 'ops', dependencies: ['realtime', 'audit'] },
);
