import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import {
  CAMERA_KINDS,
  type Camera,
  type CameraBulk,
  type CameraBulkRow,
  DEVICE_STATUSES,
} from '@onpatrol/contracts';

/** A ready-to-send bulk camera list: JSON, its gzip and an ETag. */
export interface EncodedBulk {
  etag: string;
  json: Buffer;
  gzip: Buffer;
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
const round1 = (n: number) => Math.round(n * 10) / 10;

function indexer() {
  const list: string[] = [];
  const index = new Map<string, number>();
  return {
    list,
    of(key: string): number {
      let i = index.get(key);
      if (i === undefined) {
        i = list.length;
        list.push(key);
        index.set(key, i);
      }
      return i;
    },
  };
}

/** Encode cameras into the compact bulk form (dictionary-coded columns, ~0.1 m precision). */
export function encodeBulk(cameras: Camera[], version: string): CameraBulk {
  const stations = indexer();
  const sites = indexer();
  const sets = indexer();
  const rows: CameraBulkRow[] = cameras.map((c) => [
    c.id,
    c.name,
    round6(c.lat),
    round6(c.lon),
    round1(c.bearing),
    round1(c.fov),
    round1(c.range),
    CAMERA_KINDS.indexOf(c.kind),
    DEVICE_STATUSES.indexOf(c.status),
    stations.of(c.stationId),
    sites.of(c.siteId),
    sets.of(c.setId),
  ]);
  return {
    version,
    count: rows.length,
    kinds: [...CAMERA_KINDS],
    statuses: [...DEVICE_STATUSES],
    stations: stations.list,
    sites: sites.list,
    sets: sets.list,
    rows,
  };
}

/** Serialise and compress once, so every later request is a buffer copy. */
export function packBulk(bulk: CameraBulk): EncodedBulk {
  const json = Buffer.from(JSON.stringify(bulk));
  const etag = `"${createHash('sha1').update(json).digest('base64url')}"`;
  return { etag, json, gzip: gzipSync(json, { level: 6 }) };
}
