import { api } from '../../api/client';

type Refusal = Error & { data?: { rule?: string } };

/** The part of a socket.io client this needs. */
interface ClosableSocket {
  readonly connected: boolean;
  connect(): unknown;
  on(event: 'disconnect', listener: (reason: string) => void): unknown;
  on(event: 'connect_error', listener: (err: Refusal) => void): unknown;
  off(event: 'disconnect', listener: (reason: string) => void): unknown;
  off(event: 'connect_error', listener: (err: Refusal) => void): unknown;
}

/**
 * The gateway closes a socket itself when its session ended or the account changed (sign-out
 * elsewhere, disabled, new role, expiry), and refuses a handshake without a live session; in both
 * cases socket.io does not try again. Ask the gateway who is signed in: a 401 takes the app back
 * to sign-in (through the API client's unauthorized handler); a session that still holds (say,
 * only its expiry moved) reconnects. Returns a function that stops listening.
 */
export function followSessionEnd(socket: ClosableSocket, me: () => Promise<unknown> = api.me): () => void {
  let active = true;
  const onDisconnect = (reason: string) => {
    if (reason !== 'io server disconnect') return;
    me().then(
      () => {
        if (active && !socket.connected) socket.connect();
      },
      // A 401 was handled by the API client; anything else leaves the socket as it is.
      () => {},
    );
  };
  // A refused handshake is not retried here: only the sign-in check runs.
  const onRefused = (err: Refusal) => {
    if (err.data?.rule === 'session') me().catch(() => {});
  };
  socket.on('disconnect', onDisconnect);
  socket.on('connect_error', onRefused);
  return () => {
    active = false;
    socket.off('disconnect', onDisconnect);
    socket.off('connect_error', onRefused);
  };
}
