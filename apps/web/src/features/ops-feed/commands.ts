import type { Ack, ClientToServerEvents, ServerToClientEvents } from '@onpatrol/contracts';
import type { TFunction } from 'i18next';
import type { Socket } from 'socket.io-client';

export type OpsSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The commands a person sends over the socket (everything but the catch-up). */
export type CommandName = Exclude<keyof ClientToServerEvents, 'registry:resync' | 'ops:sync'>;
type CommandBody<E extends CommandName> = Parameters<ClientToServerEvents[E]>[0];
type CommandResult<E extends CommandName> = Parameters<ClientToServerEvents[E]>[1] extends (
  r: Ack<infer T>,
) => void
  ? T
  : never;

/**
 * A refused or failed command. `kind` separates the gateway's "no" (with its message naming the
 * field or rule) from "not connected" and "no answer in time", which the UI words itself.
 */
export class CommandError extends Error {
  override name = 'CommandError';
  constructor(
    readonly kind: 'rejected' | 'offline' | 'timeout',
    message: string,
    readonly field?: string,
    readonly rule?: string,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 10_000;
let current: OpsSocket | null = null;

/** The socket commands go through (set by the realtime layer while it is attached). */
export function setCommandSocket(socket: OpsSocket | null, only?: OpsSocket): void {
  if (socket === null && only && current !== only) return;
  current = socket;
}

/** Send a command and wait for its acknowledgement; resolves with the data, throws CommandError. */
export async function sendCommand<E extends CommandName>(
  event: E,
  body: CommandBody<E>,
): Promise<CommandResult<E>> {
  // socket.io would buffer an emit while disconnected and send it minutes later: refuse at once.
  if (!current?.connected) throw new CommandError('offline', 'not connected');
  let ack: Ack<CommandResult<E>>;
  try {
    // The generic event name defeats socket.io's per-event typing; the contract types above hold.
    const timed = current.timeout(TIMEOUT_MS) as unknown as {
      emitWithAck: (e: E, b: CommandBody<E>) => Promise<Ack<CommandResult<E>>>;
    };
    ack = await timed.emitWithAck(event, body);
  } catch {
    throw new CommandError('timeout', 'no answer');
  }
  if (!ack.ok) throw new CommandError('rejected', ack.error.message, ack.error.field, ack.error.rule);
  return ack.data;
}

/** What to show for a failed command. */
export function commandErrorText(t: TFunction, e: unknown): string {
  if (e instanceof CommandError) {
    if (e.kind === 'offline') return t('ops.errors.offline');
    if (e.kind === 'timeout') return t('ops.errors.timeout');
    return t('ops.errors.rejected', { message: e.message });
  }
  return e instanceof Error ? e.message : String(e);
}
