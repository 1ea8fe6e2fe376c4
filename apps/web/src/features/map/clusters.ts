import Supercluster, { type ClusterProperties, type PointFeature } from 'supercluster';
import { mercatorX, mercatorY, type PointSet } from '../registry/points';
import { CLUSTER_MAX_ZOOM, clusterLevelForZoom } from './lod';

/**
 * Cluster radius in CSS pixels (extent 256 matches Leaflet's 256 px tiles). Alarms cluster wider:
 * they are drawn over the camera clusters, so fewer of them keeps the overview readable.
 */
const RADIUS_PX = { camera: 56, alarm: 72 } as const;

/** Severity rank per DEVICE_STATUSES index (online, offline, fault, maintenance): fault is worst. */
const SEVERITY = [0, 2, 3, 1];
const BY_SEVERITY = [0, 3, 1, 2];

/**
 * All clusters and lone points of one zoom level, with each point's node. The node membership is
 * what lets a status change recolour clusters by a plain loop over the status array instead of
 * rebuilding the index or asking supercluster for leaves every frame.
 */
export interface ClusterLevel {
  readonly n: number;
  readonly wx: Float64Array;
  readonly wy: Float64Array;
  readonly count: Int32Array;
  /** supercluster id, or -1 for a lone point. */
  readonly clusterId: Float64Array;
  /** point index for a lone point, or -1 for a cluster. */
  readonly point: Int32Array;
  /** per point of the set: its node, or -1 when the point is filtered out. */
  readonly memberOf: Int32Array;
}

/** A supercluster index over the points of one set that pass a filter; levels are computed on demand. */
export class ClusterIndex {
  private readonly index: Supercluster<{ i: number }>;
  private readonly levels = new Map<number, ClusterLevel>();

  constructor(
    private readonly set: PointSet,
    include: (i: number) => boolean,
  ) {
    const features: Array<PointFeature<{ i: number }>> = [];
    for (let i = 0; i < set.count; i++) {
      if (!include(i)) continue;
      features.push({
        type: 'Feature',
        properties: { i },
        geometry: { type: 'Point', coordinates: [set.lon[i]!, set.lat[i]!] },
      });
    }
    this.index = new Supercluster<{ i: number }>({
      radius: RADIUS_PX[set.layer],
      extent: 256,
      maxZoom: CLUSTER_MAX_ZOOM,
    });
    this.index.load(features);
  }

  /** The cluster level for a (fractional) zoom; built once per level, then cached. */
  level(zoom: number): ClusterLevel {
    const z = clusterLevelForZoom(zoom);
    let level = this.levels.get(z);
    if (!level) {
      level = this.buildLevel(z);
      this.levels.set(z, level);
    }
    return level;
  }

  /** Zoom at which a cluster splits into its children. */
  expansionZoom(clusterId: number): number {
    return this.index.getClusterExpansionZoom(clusterId);
  }

  private buildLevel(z: number): ClusterLevel {
    const nodes = this.index.getClusters([-180, -85, 180, 85], z);
    const n = nodes.length;
    const level: ClusterLevel = {
      n,
      wx: new Float64Array(n),
      wy: new Float64Array(n),
      count: new Int32Array(n),
      clusterId: new Float64Array(n),
      point: new Int32Array(n),
      memberOf: new Int32Array(this.set.count).fill(-1),
    };
    nodes.forEach((f, k) => {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      level.wx[k] = mercatorX(lon);
      level.wy[k] = mercatorY(lat);
      const props = f.properties as Partial<ClusterProperties> & { i?: number };
      if (props.cluster && props.cluster_id !== undefined) {
        level.count[k] = props.point_count ?? 0;
        level.clusterId[k] = props.cluster_id;
        level.point[k] = -1;
        for (const leaf of this.index.getLeaves(props.cluster_id, Number.POSITIVE_INFINITY)) {
          level.memberOf[leaf.properties.i] = k;
        }
      } else {
        const i = props.i ?? -1;
        level.count[k] = 1;
        level.clusterId[k] = -1;
        level.point[k] = i;
        if (i >= 0) level.memberOf[i] = k;
      }
    });
    return level;
  }
}

/**
 * Members of each node per status: out[node * 4 + status]. Same single pass as worstStatusPerNode;
 * the map draws it as the ring around a cluster.
 */
export function statusCountsPerNode(level: ClusterLevel, status: Uint8Array, out?: Int32Array): Int32Array {
  const size = level.n * 4;
  const counts = out && out.length >= size ? out.fill(0, 0, size) : new Int32Array(size);
  const member = level.memberOf;
  for (let i = 0; i < member.length; i++) {
    const node = member[i]!;
    if (node >= 0) counts[node * 4 + status[i]!]! += 1;
  }
  return counts;
}

/**
 * Worst status (DEVICE_STATUSES index) of each node of a level, from the live status array:
 * one pass over the points, so restyling after status changes costs O(points), not a rebuild.
 */
export function worstStatusPerNode(level: ClusterLevel, status: Uint8Array, out?: Uint8Array): Uint8Array {
  const worst = out && out.length >= level.n ? out.fill(0, 0, level.n) : new Uint8Array(level.n);
  const member = level.memberOf;
  for (let i = 0; i < member.length; i++) {
    const node = member[i]!;
    if (node < 0) continue;
    const sev = SEVERITY[status[i]!]!;
    if (sev > worst[node]!) worst[node] = sev;
  }
  for (let k = 0; k < level.n; k++) worst[k] = BY_SEVERITY[worst[k]!]!;
  return worst;
}
