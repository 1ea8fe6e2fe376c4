import { useEffect } from 'react';
import { io } from 'socket.io-client';
import { followSessionEnd } from '../auth/sessionEnd';
import { type AttachOptions, attachOps, OPS_SOCKET_AUTH } from './attachOps';
import type { OpsSocket } from './commands';

/**
 * The one socket of a screen that needs only the operational feed (the street unit's page; the
 * command screen's socket lives in realtime/useRealtime.ts and attaches the same feed).
 */
export function useOpsSocket(enabled: boolean, opts: AttachOptions = {}): void {
  const unitOrders = opts.unitOrders;
  useEffect(() => {
    if (!enabled) return;
    const socket: OpsSocket = io({
      path: '/socket.io',
      withCredentials: true,
      auth: OPS_SOCKET_AUTH,
      reconnectionDelay: 1000,
      reconnectionDelayMax: 15000,
    });
    const unfollow = followSessionEnd(socket);
    const detach = attachOps(socket, unitOrders ? { unitOrders } : {});
    return () => {
      unfollow();
      detach();
      socket.disconnect();
    };
  }, [enabled, unitOrders]);
}
