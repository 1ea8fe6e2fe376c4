import type { ClientToServerEvents, DeviceStatusChange, ServerToClientEvents } from '@onpatrol/contracts';
import { useEffect } from 'react';
import { io, type Socket } from 'socket.io-client';
import { useRegistry } from '../map/registryStore';

/**
 * The one socket of the signed-in screen. Every (re)connect starts with a registry snapshot: when
 * it is a reconnect or the registry moved on, the devices are refetched (status updates may have
 * been missed) and updates that arrive meanwhile are held and applied afterwards. Status updates
 * are coalesced per animation frame, so a burst of hundreds costs one redraw.
 */
export function useRealtime(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
      path: '/socket.io',
      withCredentials: true,
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
    socket.on('device:status', (c) => {
      pending.push(c);
      if (!frame) frame = requestAnimationFrame(flush);
    });
    return () => {
      cancelAnimationFrame(frame);
      socket.disconnect();
    };
  }, [enabled]);
}
