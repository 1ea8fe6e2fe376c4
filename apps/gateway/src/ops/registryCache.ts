import type { Database } from '../db/database.js';
import type { CameraView } from './cameraSelect.js';

export interface DeviceInfo {
  stationId: string;
  lat: number;
  lon: number;
  siteKind: string;
}

const CELL = 0.002; // degrees, ~200 m: a camera's range and the fallback radius fit in one ring of cells

/**
 * Alarm devices and camera positions held in memory for alarm intake, so an alarm storm does not
 * read the registry once per alarm. Reloaded when the registry version moves (checked at most
 * once a second).
 */
export class RegistryCache {
  private version = -1;
  private checkedAt = 0;
  private devices = new Map<string, DeviceInfo>();
  private grid = new Map<string, CameraView[]>();
  private loading: Promise<void> | null = null;

  constructor(private readonly db: Database) {}

  /** A device, after making sure the cache is current (never call inside a transaction). */
  async device(id: string): Promise<DeviceInfo | undefined> {
    await this.ready();
    return this.devices.get(id);
  }

  /** A device as currently cached; call `ready()` first, outside any transaction. */
  cachedDevice(id: string): DeviceInfo | undefined {
    return this.devices.get(id);
  }

  /** Cameras within about 300 m of a point, as currently cached. */
  camerasNear(lat: number, lon: number): CameraView[] {
    const out: CameraView[] = [];
    const [r, c] = [Math.floor(lat / CELL), Math.floor(lon / CELL)];
    for (let dr = -1; dr <= 1; dr++)
      for (let dc = -1; dc <= 1; dc++) out.push(...(this.grid.get(`${r + dr}:${c + dc}`) ?? []));
    return out;
  }

  /**
   * Reload when the registry moved. Uses its own queries, so it must run outside a transaction:
   * on the embedded database a query outside waits for the open transaction to end.
   */
  async ready(): Promise<void> {
    if (Date.now() - this.checkedAt < 1000 && this.version >= 0) return;
    this.loading ??= this.reload().finally(() => {
      this.loading = null;
    });
    await this.loading;
  }

  private async reload(): Promise<void> {
    const [meta] = await this.db.query<{ version: string }>(
      'SELECT version::text AS version FROM registry_meta WHERE id = 1',
    );
    const version = Number(meta?.version ?? 0);
    this.checkedAt = Date.now();
    if (version === this.version) return;
    const [devices, cameras] = await Promise.all([
      this.db.query<{ id: string; station_id: string; lat: number; lon: number; kind: string }>(
        'SELECT d.id, d.station_id, d.lat, d.lon, s.kind FROM alarm_devices d JOIN sites s ON s.id = d.site_id',
      ),
      this.db.query<CameraView>('SELECT id, lat, lon, bearing, fov, range_m AS range, status FROM cameras'),
    ]);
    this.devices = new Map(
      devices.map((d) => [d.id, { stationId: d.station_id, lat: d.lat, lon: d.lon, siteKind: d.kind }]),
    );
    const grid = new Map<string, CameraView[]>();
    for (const cam of cameras) {
      const key = `${Math.floor(cam.lat / CELL)}:${Math.floor(cam.lon / CELL)}`;
      const cell = grid.get(key);
      if (cell) cell.push(cam);
      else grid.set(key, [cam]);
    }
    this.grid = grid;
    this.version = version;
  }
}
