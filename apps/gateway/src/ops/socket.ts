import type { Ack, OpsSnapshot, OpsSync } from '@onpatrol/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { listen } from '../realtime/clientEvents.js';
import type { RealtimeSocket } from '../realtime/plugin.js';
import { COMMANDS, errorAck, execute, invalid } from './commands.js';
import { MAX_REPLAY } from './events.js';
import { type OpsScope, opsScope } from './scope.js';
import type { OpsServices } from './services.js';
import { SyncLimit } from './syncLimit.js';

const OPEN_ALARM = ['new', 'acknowledged'] as const;

/** The operational state a scope may see, at a sequence number read before the state. */
export async function snapshot(s: OpsServices, scope: OpsScope): Promise<OpsSnapshot> {
  const seq = await s.ctx.events.maxSeq();
  const station = { stationId: scope.stationId };
  const [alarms, incidents, units, orders] = await Promise.all([
    // Every open alarm, however many closed ones are newer.
    scope.unitOnly ? [] : s.alarms.list(station, OPEN_ALARM, 5000),
    scope.unitOnly ? [] : s.incidents.list(station, 'active'),
    s.units.list(scope),
    s.dispatch.orders(scope),
  ]);
  return { seq, alarms, incidents, units, orders };
}

/**
 * Catch a client up: the events after its last sequence, or a snapshot when it is too far behind.
 * `beforeSnapshot` may refuse a snapshot (by throwing) before it is read.
 */
export async function sync(
  s: OpsServices,
  scope: OpsScope,
  lastSeq: number | null,
  beforeSnapshot: () => void = () => {},
): Promise<OpsSync> {
  const full = async (): Promise<OpsSync> => {
    beforeSnapshot();
    return { kind: 'snapshot', snapshot: await snapshot(s, scope) };
  };
  if (lastSeq === null) return full();
  // Read the head first: every event at or below it has committed, so the replay below holds it.
  const seq = await s.ctx.events.maxSeq();
  if (lastSeq > seq) return full();
  const events = await s.ctx.events.replay(lastSeq, scope);
  if (events.length > MAX_REPLAY) return full();
  return { kind: 'replay', events, seq };
}

/**
 * Wire a connected socket: catch-up on request, and every command with validation and an ack.
 * The realtime layer let each event through only for a live session whose role may send it
 * (CLIENT_EVENTS); what is left here is the payload and the work.
 */
export function attachOpsSocket(socket: RealtimeSocket, s: OpsServices, log: FastifyBaseLogger): void {
  const user = socket.data.user;
  const scope = opsScope(user);
  const actor = {
    username: user.username,
    role: user.role,
    stationId: user.stationId,
    unitId: user.unitId,
    address: socket.handshake.address,
  };
  const fail = (err: unknown) => log.error({ err }, 'socket command failed');
  const limit = new SyncLimit();

  listen(
    socket,
    'ops:sync',
    async (req: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const lastSeq = (req as { lastSeq?: unknown } | null)?.lastSeq;
      if (lastSeq !== null && !(Number.isSafeInteger(lastSeq) && (lastSeq as number) >= 0)) {
        return ack({
          ok: false,
          error: { message: 'lastSeq must be null or a sequence number', field: 'lastSeq', rule: 'schema' },
        });
      }
      try {
        limit.take();
        const data = await sync(s, scope, lastSeq as number | null, () => limit.takeSnapshot());
        ack({ ok: true, data } satisfies Ack<OpsSync>);
      } catch (err) {
        ack(errorAck(err, fail));
      }
    },
    log,
  );

  for (const [event, cmd] of COMMANDS) {
    listen(
      socket,
      event,
      async (payload: unknown, ack: unknown) => {
        // A command without an acknowledgement is refused silently: there is nobody to tell.
        if (typeof ack !== 'function') return;
        const bad = invalid(cmd, payload);
        if (bad) return ack(bad);
        try {
          ack({ ok: true, data: await execute(s, actor, event, payload) });
        } catch (err) {
          ack(errorAck(err, fail));
        }
      },
      log,
    );
  }
}
