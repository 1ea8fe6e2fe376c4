import type { District } from '@onpatrol/contracts';
import { generateDistrict } from '@onpatrol/district';
import { DEMO_DEVICE_SECRET, listLookup, type SimulatorOptions, startSimulator } from '../src/index.js';
import { unitSpecs } from '../src/ops/district.js';
import { FakeGateway } from './fakeGateway.js';
import { CACHE_DIR, CAMERAS, type TestSim } from './helpers.js';

let district: District | undefined;
/** The reference district, generated once per test file. */
export function testDistrict(): District {
  district ??= generateDistrict();
  return district;
}

/** A fake gateway that knows the district's devices and units, and a simulator pointed at it. */
export async function startOpsSim(
  opts: Partial<SimulatorOptions> = {},
): Promise<{ sim: TestSim; gw: FakeGateway; close(): Promise<void> }> {
  const d = testDistrict();
  const gw = await FakeGateway.start({
    secret: DEMO_DEVICE_SECRET,
    alarmDevices: d.alarmDevices.map((a) => a.id),
    units: unitSpecs(d.stations).map((u) => u.id),
  });
  const sim = await startSimulator({
    rtspPort: 0,
    controlPort: 0,
    udpPort: 0,
    cacheDir: CACHE_DIR,
    lookup: listLookup(CAMERAS),
    gatewayUrl: gw.url,
    district: d,
    ...opts,
  });
  const control = async (method: string, route: string, body?: unknown) => {
    const res = await fetch(`http://127.0.0.1:${sim.controlPort}${route}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };
  return {
    sim: Object.assign(sim, { control }),
    gw,
    async close() {
      await sim.close();
      await gw.close();
    },
  };
}
