import './formats.js';
import {
  type Ack,
  AlarmAck,
  AlarmDismiss,
  AlarmEscalate,
  type ClientToServerEvents,
  DispatchBody,
  OrderUpdate,
  type Permission,
  ReportBody,
  UnitPosition,
} from '@onpatrol/contracts';
import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { HttpError } from '../errors.js';
import type { Actor } from './context.js';
import type { OpsServices } from './services.js';

/** A client command: its schema, the permission it needs and what it does. */
interface Command {
  permission: Permission;
  check: ReturnType<typeof TypeCompiler.Compile>;
  run(s: OpsServices, actor: Actor, cmd: never): Promise<unknown>;
}

const command = <S extends TSchema>(
  schema: S,
  permission: Permission,
  run: (s: OpsServices, actor: Actor, cmd: S['static']) => Promise<unknown>,
): Command => ({ permission, check: TypeCompiler.Compile(schema), run: run as Command['run'] });

/** The client events that are commands (everything but the catch-up and registry requests). */
export type CommandEvent = Exclude<keyof ClientToServerEvents, 'ops:sync' | 'registry:resync'>;

/**
 * Every command a client may send over the socket, by event name (REST routes call the same
 * services). Keyed by CommandEvent, so a command added to the contracts cannot be left out.
 */
const TABLE: Record<CommandEvent, Command> = {
  'alarm:ack': command(AlarmAck, 'alarms:handle', (s, a, c) => s.alarms.acknowledge(a, c.alarmId)),
  'alarm:dismiss': command(AlarmDismiss, 'alarms:handle', (s, a, c) =>
    s.alarms.dismiss(a, c.alarmId, c.reason),
  ),
  'alarm:escalate': command(AlarmEscalate, 'alarms:handle', (s, a, c) =>
    s.alarms.escalate(a, c.alarmId, c.note),
  ),
  'report:create': command(ReportBody, 'incidents:report', (s, a, c) => s.incidents.report(a, c)),
  'dispatch:send': command(DispatchBody, 'dispatch:send', (s, a, c) => s.dispatch.send(a, c)),
  'order:update': command(OrderUpdate, 'unit:act', (s, a, c) => s.dispatch.updateOrder(a, c)),
  'unit:position': command(UnitPosition, 'unit:act', async (s, a, c) => {
    if (!a.unitId) throw new HttpError(403, 'this account reports for no unit', { rule: 'unit' });
    await s.positions(a.unitId, c.lat, c.lon);
    return null;
  }),
};
export const COMMANDS = new Map(Object.entries(TABLE) as Array<[CommandEvent, Command]>);

/** Run a validated command and record it in the audit log (positions are too frequent to audit). */
export async function execute<E extends CommandEvent>(
  s: OpsServices,
  actor: Actor,
  event: E,
  payload: unknown,
): Promise<AckData<E>> {
  const cmd = COMMANDS.get(event);
  if (!cmd) throw new HttpError(400, `unknown command ${event}`, { rule: 'command' });
  const result = await cmd.run(s, actor, payload as never);
  if (event !== 'unit:position') {
    const target = result as { id?: unknown; stationId?: string } | Array<{ id?: unknown }>;
    await s.ctx.audit.append({
      actor: actor.username,
      actorRole: actor.role,
      address: actor.address ?? null,
      action: event,
      targetKind: event.split(':')[0]!,
      targetId: Array.isArray(target) ? target.map((t) => String(t.id)).join(',') : String(target?.id ?? ''),
      stationId: Array.isArray(target) ? null : (target?.stationId ?? null),
      details: payload as Record<string, unknown>,
    });
  }
  return result as AckData<E>;
}

/** The data a command's acknowledgement carries on success. */
export type AckData<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[1] extends (
  r: Ack<infer T>,
) => void
  ? T
  : never;

/** Turn a thrown error into an error acknowledgement; unexpected ones stay generic. */
export function errorAck(err: unknown, log: (err: unknown) => void): Ack<never> {
  if (err instanceof HttpError) {
    return { ok: false, error: { message: err.message, field: err.extra.field, rule: err.extra.rule } };
  }
  log(err);
  return { ok: false, error: { message: 'internal error' } };
}

/** Validate a command payload; returns an error acknowledgement naming the field, or null. */
export function invalid(cmd: Command, payload: unknown): Ack<never> | null {
  if (cmd.check.Check(payload)) return null;
  const first = cmd.check.Errors(payload).First();
  const field = first?.path.replace(/^\//, '').replace(/\//g, '.') || undefined;
  return {
    ok: false,
    error: { message: `${field ?? 'payload'} ${first?.message ?? 'is invalid'}`, field, rule: 'schema' },
  };
}
