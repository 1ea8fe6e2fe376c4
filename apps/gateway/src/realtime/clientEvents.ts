import { type Ack, type ClientToServerEvents, type Permission, roleHas } from '@onpatrol/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { COMMANDS, type CommandEvent } from '../ops/commands.js';
import type { SessionCheck } from './sessions.js';
import type { RealtimeSocket } from './types.js';

/**
 * Every event a client may send, with the permissions that allow it (any one of them). Keyed by
 * ClientToServerEvents, so an event added there cannot be left out here; the commands' entries
 * come from the command table itself. Anything else a client sends is dropped.
 */
export const CLIENT_EVENTS: Record<keyof ClientToServerEvents, readonly Permission[]> = {
  'registry:resync': ['registry:read'],
  // Catch-up: the command centre and the stations read operations, a street unit its own orders.
  'ops:sync': ['ops:read', 'unit:act'],
  // COMMANDS is built from a table keyed by every CommandEvent, so this covers each one.
  ...(Object.fromEntries([...COMMANDS].map(([event, cmd]) => [event, [cmd.permission]])) as unknown as Record<
    CommandEvent,
    readonly Permission[]
  >),
};

const refusal = (message: string, rule: string): Ack<never> => ({ ok: false, error: { message, rule } });

/** The answer to an event whose session ended; the socket is closed right after. */
export const SESSION_ENDED = refusal('your session has ended; sign in again', 'session');

/** Whether a client may send `event` at all (own keys only: `__proto__` and friends are not events). */
export const isClientEvent = (event: unknown): event is keyof ClientToServerEvents =>
  typeof event === 'string' && Object.hasOwn(CLIENT_EVENTS, event);

/**
 * Let a client event through only when it is a known event, the session still holds (read again
 * when the last look is older than SESSION_RECHECK_MS) and the role has a permission the table
 * names; otherwise answer its acknowledgement (when it asked for one) with the rule that refused
 * it. A socket whose session ended is closed through `onEnded`. Never throws: whatever a client
 * sends ends here or in a listener added with `listen`.
 */
export function guardClientEvents(
  socket: RealtimeSocket,
  session: SessionCheck,
  onEnded: () => void,
  log: FastifyBaseLogger,
): void {
  socket.use((packet, next) => {
    const [event] = packet;
    const last: unknown = packet.at(-1);
    const reply = (r: Ack<never>) => {
      if (typeof last === 'function') last(r);
    };
    if (!isClientEvent(event)) return reply(refusal('unknown event', 'event'));
    const needs = CLIENT_EVENTS[event];
    const decide = (holds: boolean) => {
      if (!holds) {
        reply(SESSION_ENDED);
        return onEnded();
      }
      if (!needs.some((p) => roleHas(socket.data.user.role, p))) {
        return reply(refusal(`your role lacks the permission ${needs.join(' or ')}`, needs[0]!));
      }
      next();
    };
    const holds = session.holds();
    if (holds === true) return decide(true);
    holds
      .then(decide, (err: unknown) => {
        log.error({ err }, 'session check failed');
        reply(refusal('the session could not be checked; try again', 'session-check'));
      })
      .catch((err: unknown) => log.error({ err }, 'refusing a client event failed'));
  });
}

/**
 * Listen to a client event. Whatever the handler throws or rejects with is logged: an error that
 * escaped a socket listener would end the whole process.
 */
export function listen(
  socket: RealtimeSocket,
  event: keyof ClientToServerEvents,
  handler: (...args: unknown[]) => unknown,
  log: FastifyBaseLogger,
): void {
  const fail = (err: unknown) => log.error({ err, event }, 'socket event handler failed');
  socket.on(event, ((...args: unknown[]) => {
    try {
      Promise.resolve(handler(...args)).catch(fail);
    } catch (err) {
      fail(err);
    }
  }) as never);
}
