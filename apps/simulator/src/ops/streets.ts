import { crossing, dist, type LatLon, Projection, projectOnSegment, type XY } from './geo.js';

/** Where a point meets the street network: on edge `edge` at parameter t from its first node. */
export interface Snap {
  edge: number;
  t: number;
  point: LatLon;
  /** From the point to the street. */
  distanceM: number;
}

/** A way from one point to another: the points to pass, both ends included. */
export interface Route {
  points: LatLon[];
  lengthM: number;
}

interface Edge {
  a: number;
  b: number;
  len: number;
}

const EPS = 1e-9;

/** Min-heap of [priority, node] for Dijkstra. */
class Heap {
  private readonly items: [number, number][] = [];
  get size(): number {
    return this.items.length;
  }
  push(item: [number, number]): void {
    const h = this.items;
    h.push(item);
    for (let i = h.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (h[parent]![0] <= h[i]![0]) break;
      [h[parent], h[i]] = [h[i]!, h[parent]!];
      i = parent;
    }
  }
  pop(): [number, number] {
    const h = this.items;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l]![0] < h[m]![0]) m = l;
        if (r < h.length && h[r]![0] < h[m]![0]) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top;
  }
}

interface Segment {
  a: XY;
  b: XY;
  na: number;
  nb: number;
  splits: { t: number; node: number }[];
}

/**
 * Nodes at every vertex, crossing and T-junction of the paths; edges along them. The paths of a
 * map do not share vertices where streets meet, so crossings are computed, path ends within
 * `joinM` of another street are joined to it, and pieces still apart (village roads) are linked
 * to the nearest node of the rest by a straight track, so that every point can reach every other.
 */
function build(paths: XY[][], joinM: number): { xy: XY[]; edges: [number, number][]; links: number } {
  const xy: XY[] = [];
  const ids = new Map<string, number>();
  const nodeAt = (p: XY): number => {
    const key = `${Math.round(p[0] * 10)},${Math.round(p[1] * 10)}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = xy.push(p) - 1;
      ids.set(key, id);
    }
    return id;
  };
  const segments: Segment[] = [];
  const ends: number[] = [];
  for (const path of paths) {
    if (path.length === 0) continue;
    ends.push(nodeAt(path[0]!), nodeAt(path.at(-1)!));
    for (let i = 1; i < path.length; i++) {
      const [a, b] = [path[i - 1]!, path[i]!];
      const [na, nb] = [nodeAt(a), nodeAt(b)];
      if (na !== nb) segments.push({ a, b, na, nb, splits: [] });
    }
  }
  const extra: [number, number][] = [];
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    for (let j = i + 1; j < segments.length; j++) {
      const o = segments[j]!;
      if (s.na === o.na || s.na === o.nb || s.nb === o.na || s.nb === o.nb) continue;
      const c = crossing(s.a, s.b, o.a, o.b);
      if (!c) continue;
      const node =
        c.t < EPS
          ? s.na
          : c.t > 1 - EPS
            ? s.nb
            : c.u < EPS
              ? o.na
              : c.u > 1 - EPS
                ? o.nb
                : nodeAt([s.a[0] + c.t * (s.b[0] - s.a[0]), s.a[1] + c.t * (s.b[1] - s.a[1])]);
      s.splits.push({ t: c.t, node });
      o.splits.push({ t: c.u, node });
    }
  }
  for (const e of new Set(ends)) {
    for (const s of segments) {
      if (s.na === e || s.nb === e) continue;
      const p = projectOnSegment(xy[e]!, s.a, s.b);
      if (p.distance > joinM) continue;
      const node = p.t < EPS ? s.na : p.t > 1 - EPS ? s.nb : nodeAt(p.point);
      s.splits.push({ t: p.t, node });
      if (node !== e) extra.push([e, node]);
    }
  }
  const edges: [number, number][] = [...extra];
  for (const s of segments) {
    const stops = [{ t: 0, node: s.na }, ...s.splits, { t: 1, node: s.nb }].sort((x, y) => x.t - y.t);
    for (let i = 1; i < stops.length; i++) {
      if (stops[i]!.node !== stops[i - 1]!.node) edges.push([stops[i - 1]!.node, stops[i]!.node]);
    }
  }
  const links = linkComponents(xy, edges);
  return { xy, edges, links };
}

/** Joins every connected piece to the largest one by its shortest straight link; returns how many. */
function linkComponents(xy: XY[], edges: [number, number][]): number {
  const parent = xy.map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  for (const [a, b] of edges) parent[find(a)] = find(b);
  const pieces = new Map<number, number[]>();
  for (let i = 0; i < xy.length; i++) {
    const root = find(i);
    pieces.set(root, [...(pieces.get(root) ?? []), i]);
  }
  const [main, ...rest] = [...pieces.values()].sort((x, y) => y.length - x.length);
  if (!main) return 0;
  const joined = [...main];
  for (const piece of rest) {
    let best: [number, number, number] = [Number.POSITIVE_INFINITY, -1, -1];
    for (const a of piece) {
      for (const b of joined) {
        const d = dist(xy[a]!, xy[b]!);
        if (d < best[0]) best = [d, a, b];
      }
    }
    edges.push([best[1], best[2]]);
    joined.push(...piece);
  }
  return rest.length;
}

/** A routable street network: snapping of points and shortest paths (Dijkstra). */
export class StreetGraph {
  /** Node positions. */
  readonly nodes: LatLon[];
  /** Straight tracks added to join pieces of the network that the paths leave apart. */
  readonly links: number;
  private readonly proj: Projection;
  private readonly xy: XY[];
  private readonly edges: Edge[] = [];
  private readonly adj: { to: number; len: number }[][];

  /** Build from street paths (vertices as lat/lon); `joinM`: how near a path end must be to join. */
  static fromPaths(paths: LatLon[][], opts: { joinM?: number } = {}): StreetGraph {
    const all = paths.flat();
    if (all.length === 0) throw new Error('a street graph needs at least one path');
    const origin = {
      lat: all.reduce((s, p) => s + p.lat, 0) / all.length,
      lon: all.reduce((s, p) => s + p.lon, 0) / all.length,
    };
    const proj = new Projection(origin);
    const built = build(
      paths.map((p) => p.map((q) => proj.toXY(q))),
      opts.joinM ?? 25,
    );
    return new StreetGraph(proj, built.xy, built.edges, built.links);
  }

  private constructor(proj: Projection, xy: XY[], pairs: [number, number][], links: number) {
    this.proj = proj;
    this.xy = xy;
    this.links = links;
    this.nodes = xy.map((p) => proj.toLatLon(p));
    this.adj = xy.map(() => []);
    const seen = new Set<string>();
    for (const [a, b] of pairs) {
      const key = a < b ? `${a}:${b}` : `${b}:${a}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const len = dist(xy[a]!, xy[b]!);
      this.edges.push({ a, b, len });
      this.adj[a]!.push({ to: b, len });
      this.adj[b]!.push({ to: a, len });
    }
  }

  get edgeCount(): number {
    return this.edges.length;
  }

  /** The nearest point on any street. */
  snap(p: LatLon): Snap {
    const q = this.proj.toXY(p);
    let best = { edge: -1, t: 0, point: q, distance: Number.POSITIVE_INFINITY };
    this.edges.forEach((e, i) => {
      const hit = projectOnSegment(q, this.xy[e.a]!, this.xy[e.b]!);
      if (hit.distance < best.distance) best = { edge: i, ...hit };
    });
    return { edge: best.edge, t: best.t, point: this.proj.toLatLon(best.point), distanceM: best.distance };
  }

  /** Shortest way from one point to another: to the nearest street, along the streets, to the point. */
  route(from: LatLon, to: LatLon): Route {
    const s = this.snap(from);
    const e = this.snap(to);
    const se = this.edges[s.edge]!;
    const ee = this.edges[e.edge]!;
    const n = this.xy.length;
    const d = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    const prev = new Int32Array(n).fill(-1);
    const heap = new Heap();
    d[se.a] = s.t * se.len;
    d[se.b] = (1 - s.t) * se.len;
    heap.push([d[se.a]!, se.a]);
    heap.push([d[se.b]!, se.b]);
    while (heap.size) {
      const [du, u] = heap.pop();
      if (du > d[u]!) continue;
      for (const { to: v, len } of this.adj[u]!) {
        if (du + len < d[v]!) {
          d[v] = du + len;
          prev[v] = u;
          heap.push([d[v]!, v]);
        }
      }
    }
    const viaA = d[ee.a]! + e.t * ee.len;
    const viaB = d[ee.b]! + (1 - e.t) * ee.len;
    const nodes: number[] = [];
    const direct = s.edge === e.edge ? Math.abs(s.t - e.t) * se.len : Number.POSITIVE_INFINITY;
    if (direct > Math.min(viaA, viaB)) {
      for (let v = viaA <= viaB ? ee.a : ee.b; v !== -1; v = prev[v]!) nodes.push(v);
      nodes.reverse();
    }
    const points = [from, s.point, ...nodes.map((i) => this.nodes[i]!), e.point, to];
    const xy = points.map((p) => this.proj.toXY(p));
    const kept: number[] = [0];
    for (let i = 1; i < xy.length; i++) if (dist(xy[i]!, xy[kept.at(-1)!]!) > 0.01) kept.push(i);
    if (kept.length === 1) kept.push(xy.length - 1);
    let lengthM = 0;
    for (let i = 1; i < kept.length; i++) lengthM += dist(xy[kept[i]!]!, xy[kept[i - 1]!]!);
    return { points: kept.map((i) => points[i]!), lengthM };
  }

  /** Indices of the nodes that satisfy `pred` (e.g. inside a jurisdiction). */
  nodesWhere(pred: (p: LatLon) => boolean): number[] {
    return this.nodes.flatMap((p, i) => (pred(p) ? [i] : []));
  }
}
