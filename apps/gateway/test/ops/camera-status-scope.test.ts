import type { AddressInfo } from 'node:net';
import type {
  CameraStreamStatus,
  ClientToServerEvents,
  RegistrySnapshot,
  ServerToClientEvents,
} from '@onpatrol/contracts';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, getAs, type TestGateway } from '../helpers.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A signed-in client that records the stream states it is sent. */
interface Watcher {
  snapshot: Promise<CameraStreamStatus[]>;
  updates: CameraStreamStatus[];
  /** Resolves when the client received the broadcast marker (sent after the updates under test). */
  marker: Promise<RegistrySnapshot>;
}

// Stream states are as scoped as the cameras themselves: the command centre sees the district,
// a station's staff their station, a street unit none (see seesStationCameras).
describe('camera stream states per role', () => {
  let gw: TestGateway;
  let base: string;
  const clients: Client[] = [];
  const cams: Record<1 | 2, string[]> = { 1: [], 2: [] };

  beforeAll(async () => {
    // The pulls under test fail (no simulator) and keep retrying; they must outlive the test.
    gw = await createTestGateway('pglite', { MEDIA_IDLE_SECONDS: '600', MEDIA_PREWARM_ALARMS: '0' });
    await gw.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(gw.app.server.address() as AddressInfo).port}`;
    for (const no of [1, 2] as const) {
      cams[no] = (await getAs(gw, 'admin', `/api/cameras?station=${no}&limit=2`))
        .json()
        .items.map((c: { id: string }) => c.id);
    }
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await gw?.close();
  });

  async function watch(user: string): Promise<Watcher> {
    const c: Client = io(base, {
      transports: ['websocket'],
      extraHeaders: { cookie: await gw.login(user) },
      reconnection: false,
    });
    clients.push(c);
    const updates: CameraStreamStatus[] = [];
    c.on('camera:status', (s) => updates.push(s));
    const snapshot = new Promise<CameraStreamStatus[]>((resolve) => c.once('camera:statuses', resolve));
    const marker = new Promise<RegistrySnapshot>((resolve) =>
      c.on('registry:changed', (s) => s.registryVersion === 'marker' && resolve(s)),
    );
    await new Promise<void>((resolve) => c.once('connect', () => resolve()));
    return { snapshot, updates, marker };
  }
  const ids = (list: CameraStreamStatus[]) => [...new Set(list.map((s) => s.cameraId))].sort();

  it('sends each role only the states of cameras it may see, on connect and as they change', async () => {
    await gw.app.media.ensureStream(cams[1][0]!, 'sub', 'test');
    await gw.app.media.ensureStream(cams[2][0]!, 'sub', 'test');
    const roles = ['admin', 'leader', 'duty', 'chief1', 'community1', 'chief2', 'unit'] as const;
    const w = Object.fromEntries(await Promise.all(roles.map(async (r) => [r, await watch(r)] as const)));
    const both = [cams[1][0]!, cams[2][0]!].sort();
    for (const r of ['admin', 'leader', 'duty'] as const) expect(ids(await w[r]!.snapshot), r).toEqual(both);
    expect(ids(await w.chief1!.snapshot)).toEqual([cams[1][0]]);
    expect(ids(await w.community1!.snapshot)).toEqual([cams[1][0]]);
    expect(ids(await w.chief2!.snapshot)).toEqual([cams[2][0]]);
    expect(await w.unit!.snapshot).toEqual([]);

    // A new pull on a station-1 camera: its states reach the command centre and station 1 only.
    const fresh = cams[1][1]!;
    const seen = new Promise<void>((resolve) => {
      const check = () =>
        w.duty!.updates.some((s) => s.cameraId === fresh) ? resolve() : setTimeout(check, 20);
      check();
    });
    await gw.app.media.ensureStream(fresh, 'sub', 'test');
    await seen;
    // Sent after those states, so a client that has the marker has everything sent before it.
    gw.app.realtime.emitScoped(null, 'registry:changed', { seq: 0, registryVersion: 'marker' });
    await Promise.all(roles.map((r) => w[r]!.marker));
    for (const r of ['admin', 'leader', 'chief1', 'community1'] as const) {
      expect(ids(w[r]!.updates), r).toContain(fresh);
    }
    expect(w.chief2!.updates.filter((s) => s.cameraId === fresh)).toEqual([]);
    expect(w.unit!.updates).toEqual([]);
    expect(w.chief1!.updates.filter((s) => s.cameraId === cams[2][0])).toEqual([]);
  });
});
