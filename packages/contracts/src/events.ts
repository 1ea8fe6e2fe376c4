import type { DeviceStatus } from './domain.js';

/** Sent on every (re)connect before any update: the state the client must replace its stores with. */
export interface RegistrySnapshot {
  seq: number;
  registryVersion: string;
}

export interface DeviceStatusChange {
  seq: number;
  kind: 'camera' | 'alarm_device';
  id: string;
  status: DeviceStatus;
}

/** Server → client events; names are `domain:verb`. */
export interface ServerToClientEvents {
  'registry:snapshot': (s: RegistrySnapshot) => void;
  'registry:changed': (s: RegistrySnapshot) => void;
  'device:status': (c: DeviceStatusChange) => void;
}

/** Client → server events. */
export interface ClientToServerEvents {
  'registry:resync': (ack: (s: RegistrySnapshot) => void) => void;
}
