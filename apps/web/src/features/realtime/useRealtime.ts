import type { ClientToServerEvents, DeviceStatusChange, ServerToClientEvents } from '@onpatrol/contracts';
import { useEffect } from 'react';
import { io, type Socket } from 'socket.io-client';
import { followSessionEnd } from '../auth/sessionEnd';
import { attachOps, OPS_SOCKET_AUTH } from '../ops-feed/attachOps';
import { useRegistry } from '../registry/registryStore';
import { useStreamStatus } from '../wall/live/streamStatus';
import { useTour } from '../wall/tour/tourStore';

/**
 * The one socket of the signed-in screen. Every (re)connect starts with a registry snapshot: when
 * it is a reconnect or the registry moved on, the devices are refetched (status updates may have
 * been missed) and updates that arrive meanwhile are held and applied afterwards. Status updates
 * are coalesced per animation frame, so a burst of hundreds costs one redraw. Stream states
 * follow the same rule: `camera:statuses` (on connect) replaces the wall's status store, then each
 * `camera:status` updates one key. A raised alarm pauses a running tour.
 */
export function useRealtime(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
      path: '/socket.io',
      withCredentials: true,
      auth: OPS_SOCKET_AUTH,
      reconnectionDelay: 1000,
      reconnectionDelayMax: 15000,
    });
    let pending: DeviceStatusChange[] = [];
    let frame = 0;
    let refreshing: Promise<void> | null = null;
    let connects = 0;

    const flush = () => {
      frame = 0;
      if (refreshing || pending.length === 0) return;
      const batch = pending;
      pending = [];
      useRegistry.getState().applyStatusChanges(batch);
    };
    const refresh = () => {
      refreshing = useRegistry
        .getState()
        .refreshDevices()
        .finally(() => {
          refreshing = null;
          flush();
        });
    };

    socket.on('registry:snapshot', (s) => {
      connects += 1;
      if (connects > 1 || s.registryVersion !== useRegistry.getState().registryVersion) refresh();
    });
    socket.on('registry:changed', (s) => {
      if (s.registryVersion !== useRegistry.getState().registryVersion) refresh();
    });
    socket.on('camera:statuses', (all) => useStreamStatus.getState().replaceAll(all));
    socket.on('camera:status', (s) => useStreamStatus.getState().update(s));
    socket.on('device:status', (c) => {
      pending.push(c);
      if (!frame) frame = requestAnimationFrame(flush);
    });
    // Alarms, incidents, units and orders: catch-up and live events through OpsSequencer.
    // A raised alarm (live, whether named or in a batch) pauses a running tour.
    const unfollow = followSessionEnd(socket);
    const detachOps = attachOps(socket, {
      onLive: (e) => {
        if (e.name === 'alarm:raised') useTour.getState().onAlarm(e.data);
      },
    });
    return () => {
      unfollow();
      detachOps();
      cancelAnimationFrame(frame);
      socket.disconnect();
      useStreamStatus.getState().reset();
    };
  }, [enabled]);
}
