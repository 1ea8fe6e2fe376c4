import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { DEMO_DEVICE_SECRET } from '../../src/config.js';
import { createTestGateway, getAs, type TestGateway } from '../helpers.js';
import { connectOps, type OpsClient } from './client.js';
import { signed } from './device.js';

/** A listening gateway on the embedded database, with alarm devices and socket.io clients at hand. */
export interface OpsFixture {
  gw: TestGateway;
  base: string;
  /** Alarm device IDs of stations 1 and 2 (`devicesPerStation` each). */
  devices: Record<1 | 2, string[]>;
  /** A connected operational client of `user`, synced once. */
  client(user: string, opts?: { batch?: boolean }): Promise<OpsClient>;
  /** Raise an alarm as the device would (signed report); returns its alarm ID. */
  raise(deviceId: string, kind?: string): Promise<number>;
  close(): Promise<void>;
}

export async function opsFixture(devicesPerStation: number): Promise<OpsFixture> {
  const gw = await createTestGateway('pglite');
  await gw.app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(gw.app.server.address() as AddressInfo).port}`;
  const ofStation = async (no: number): Promise<string[]> =>
    (await getAs(gw, 'admin', `/api/alarm-devices?station=${no}&limit=${devicesPerStation}`))
      .json()
      .items.map((d: { id: string }) => d.id);
  const devices = { 1: await ofStation(1), 2: await ofStation(2) };
  const clients: OpsClient[] = [];
  return {
    gw,
    base,
    devices,
    async client(user, opts = {}) {
      const c = connectOps(base, await gw.login(user), opts);
      clients.push(c);
      await c.synced();
      return c;
    },
    async raise(deviceId, kind = 'intrusion') {
      const res = await gw.app.inject(signed(DEMO_DEVICE_SECRET, deviceId, '/api/device/alarms', { kind }));
      expect(res.statusCode).toBe(202);
      return res.json().alarmId as number;
    },
    async close() {
      for (const c of clients) c.close();
      await gw.close();
    },
  };
}
