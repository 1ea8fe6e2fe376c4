import type { Scope } from '../types.js';
import { type EncodedBulk, encodeBulk, packBulk } from './bulk.js';
import type { RegistryRepository } from './repository.js';

/** Registry reads with the cached bulk camera list (rebuilt when the registry version moves). */
export class RegistryService {
  private readonly bulkCache = new Map<string, EncodedBulk>();
  private cachedVersion = -1;

  constructor(readonly repo: RegistryRepository) {}

  /** The compact list of every camera in scope, encoded once per registry version and scope. */
  async bulk(scope: Scope): Promise<EncodedBulk> {
    const version = await this.repo.version();
    if (version !== this.cachedVersion) {
      this.bulkCache.clear();
      this.cachedVersion = version;
    }
    // A street unit's list depends on where its orders are now: small, built per request.
    if (scope.near) return packBulk(encodeBulk(await this.repo.allCameras(scope), String(version)));
    const key = scope.stationId ?? '*';
    let hit = this.bulkCache.get(key);
    if (!hit) {
      hit = packBulk(encodeBulk(await this.repo.allCameras(scope), String(version)));
      // The version may have moved while we read; cache only what matches it.
      if (this.cachedVersion === version) this.bulkCache.set(key, hit);
    }
    return hit;
  }
}
