import { type PointSet, passesSiteKind } from '../registry/points';
import type { ClusterIndex, ClusterLevel } from './clusters';
import { statusCountsPerNode, worstStatusPerNode } from './clusters';
import {
  CLUSTER_FILL,
  SELECTION_COLOR,
  SITE_HIGHLIGHT_COLOR,
  STATUS_COLORS,
  WEDGE_FILL,
  WEDGE_STROKE,
} from './colors';
import { metresPerPixel, traceWedge } from './fov';
import { HIT_ALARM, HIT_CAMERA, HIT_CLUSTER_ALARM, HIT_CLUSTER_CAMERA, type HitGrid } from './hitGrid';
import { lodForZoom } from './lod';

/** Where the map is looking: CSS-pixel size, zoom, and the world-pixel position of the top-left corner. */
export interface View {
  width: number;
  height: number;
  zoom: number;
  /** 256 · 2^zoom: world pixels per unit of Web Mercator coordinate. */
  scale: number;
  ox: number;
  oy: number;
}

/** One point set to draw with the options that apply to it. */
export interface LayerInput {
  set: PointSet;
  mask: number;
  /** Supplies the cluster index for this set and mask (cached by the caller). */
  clusters: () => ClusterIndex;
}

export interface Highlight {
  wx: number;
  wy: number;
  tone: 'device' | 'site';
}

/** What a draw produced: points represented (cluster members included) and the levels used for clicks. */
export interface DrawResult {
  drawn: number;
  lod: ReturnType<typeof lodForZoom>;
  levels: {
    camera?: { index: ClusterIndex; level: ClusterLevel };
    alarm?: { index: ClusterIndex; level: ClusterLevel };
  };
}

// Scratch buffers reused across frames so a draw allocates nothing proportional to the point count.
let sx = new Float32Array(0);
let sy = new Float32Array(0);
let visible = new Int32Array(0);
let worst = new Uint8Array(0);
let nodeCounts = new Int32Array(0);

function ensureScratch(n: number): void {
  if (sx.length >= n) return;
  sx = new Float32Array(n);
  sy = new Float32Array(n);
  visible = new Int32Array(n);
}

function traceDiamond(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.moveTo(x, y - r);
  ctx.lineTo(x + r, y);
  ctx.lineTo(x, y + r);
  ctx.lineTo(x - r, y);
  ctx.closePath();
}

function traceShape(ctx: CanvasRenderingContext2D, alarm: boolean, x: number, y: number, r: number): void {
  if (alarm) {
    traceDiamond(ctx, x, y, r * 1.3);
  } else {
    ctx.moveTo(x + r, y);
    ctx.arc(x, y, r, 0, 2 * Math.PI);
  }
}

/** Every visible point as a dot (alarms as diamonds), batched into one path per status colour. */
function drawDots(
  ctx: CanvasRenderingContext2D,
  v: View,
  input: LayerInput,
  wedges: boolean,
  hits: HitGrid,
): number {
  const { set, mask } = input;
  const alarm = set.layer === 'alarm';
  ensureScratch(set.count);
  const mpp = metresPerPixel(set.lat[0] ?? 0, v.zoom);
  let n = 0;
  for (let i = 0; i < set.count; i++) {
    if (!passesSiteKind(set, i, mask)) continue;
    const x = set.wx[i]! * v.scale - v.ox;
    const y = set.wy[i]! * v.scale - v.oy;
    const margin = wedges ? set.range[i]! / mpp : 8;
    if (x < -margin || y < -margin || x > v.width + margin || y > v.height + margin) continue;
    sx[i] = x;
    sy[i] = y;
    visible[n++] = i;
  }
  const r = wedges ? 4.5 : 3.5;
  for (let s = 0; s < STATUS_COLORS.length; s++) {
    if (wedges && !alarm) {
      ctx.beginPath();
      for (let k = 0; k < n; k++) {
        const i = visible[k]!;
        if (set.status[i] === s)
          traceWedge(ctx, sx[i]!, sy[i]!, set.range[i]! / mpp, set.bearing[i]!, set.fov[i]!);
      }
      ctx.fillStyle = WEDGE_FILL[s]!;
      ctx.strokeStyle = WEDGE_STROKE[s]!;
      ctx.lineWidth = 1;
      ctx.fill();
      ctx.stroke();
    }
  }
  ctx.lineWidth = 1;
  ctx.strokeStyle = alarm ? 'rgba(255,255,255,0.75)' : 'rgba(5,10,20,0.8)';
  for (let s = 0; s < STATUS_COLORS.length; s++) {
    ctx.beginPath();
    for (let k = 0; k < n; k++) {
      const i = visible[k]!;
      if (set.status[i] === s) traceShape(ctx, alarm, sx[i]!, sy[i]!, r);
    }
    ctx.fillStyle = STATUS_COLORS[s]!;
    ctx.fill();
    ctx.stroke();
  }
  const kind = alarm ? HIT_ALARM : HIT_CAMERA;
  for (let k = 0; k < n; k++) hits.add(sx[visible[k]!]!, sy[visible[k]!]!, r, kind, visible[k]!);
  return n;
}

const clusterRadius = (count: number, alarm: boolean): number => (alarm ? 10 : 12) + 4.5 * Math.log10(count);

/**
 * An alarm cluster whose centre falls on a camera cluster would hide that cluster's count, so it
 * is drawn as a badge on the camera cluster's upper-right rim instead. Display only: its members,
 * click target and zoom-in behaviour are unchanged.
 */
function pinToCameraClusters(level: ClusterLevel, n: number, hits: HitGrid): void {
  for (let j = 0; j < n; j++) {
    const k = visible[j]!;
    if (level.count[k]! < 2) continue;
    const ra = clusterRadius(level.count[k]!, true);
    const cam = hits.query(sx[k]!, sy[k]!, ra, HIT_CLUSTER_CAMERA);
    if (!cam) continue;
    sx[k] = cam.x + cam.r * 0.78;
    sy[k] = cam.y - cam.r * 0.78;
  }
}

/**
 * Clusters and the lone points of a cluster level. A cluster's disc takes the worst status inside
 * (fault > offline > maintenance > online); camera clusters also get a ring whose arcs show the
 * status mix. Everything is batched into one path per colour: a few dozen canvas calls per layer
 * instead of several per cluster, which is what keeps a restyle of hundreds of points cheap.
 */
function drawClusters(ctx: CanvasRenderingContext2D, v: View, input: LayerInput, hits: HitGrid) {
  const { set } = input;
  const alarm = set.layer === 'alarm';
  const index = input.clusters();
  const level = index.level(v.zoom);
  ensureScratch(level.n);
  if (worst.length < level.n) worst = new Uint8Array(level.n);
  if (nodeCounts.length < level.n * 4) nodeCounts = new Int32Array(level.n * 4);
  worstStatusPerNode(level, set.status, worst);
  statusCountsPerNode(level, set.status, nodeCounts);
  let drawn = 0;
  let n = 0;
  for (let k = 0; k < level.n; k++) {
    const x = level.wx[k]! * v.scale - v.ox;
    const y = level.wy[k]! * v.scale - v.oy;
    const count = level.count[k]!;
    const r = count > 1 ? clusterRadius(count, alarm) + 4 : 6;
    if (x < -r || y < -r || x > v.width + r || y > v.height + r) continue;
    sx[k] = x;
    sy[k] = y;
    visible[n++] = k;
    drawn += count;
  }
  if (alarm) pinToCameraClusters(level, n, hits);
  for (let s = 0; s < 4; s++) {
    // lone points, in their own status colour
    ctx.beginPath();
    for (let j = 0; j < n; j++) {
      const k = visible[j]!;
      if (level.count[k] === 1 && worst[k] === s) traceShape(ctx, alarm, sx[k]!, sy[k]!, 3.5);
    }
    ctx.fillStyle = STATUS_COLORS[s]!;
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = alarm ? 'rgba(255,255,255,0.75)' : 'rgba(5,10,20,0.8)';
    ctx.stroke();
    // cluster discs, deep tone of the worst status
    ctx.beginPath();
    for (let j = 0; j < n; j++) {
      const k = visible[j]!;
      const count = level.count[k]!;
      if (count > 1 && worst[k] === s) traceShape(ctx, alarm, sx[k]!, sy[k]!, clusterRadius(count, alarm));
    }
    ctx.fillStyle = CLUSTER_FILL[s]!;
    ctx.fill();
    if (alarm) {
      ctx.lineWidth = 2;
      ctx.strokeStyle = STATUS_COLORS[s]!;
      ctx.stroke();
    }
  }
  if (!alarm) {
    // status ring: arc s of cluster k starts where arcs 0..s-1 ended, clockwise from north
    ctx.lineWidth = 3;
    for (let s = 0; s < 4; s++) {
      ctx.beginPath();
      for (let j = 0; j < n; j++) {
        const k = visible[j]!;
        const count = level.count[k]!;
        const c = nodeCounts[k * 4 + s]!;
        if (count < 2 || c === 0) continue;
        let before = 0;
        for (let p = 0; p < s; p++) before += nodeCounts[k * 4 + p]!;
        const a0 = -Math.PI / 2 + (before / count) * 2 * Math.PI;
        const a1 = a0 + (c / count) * 2 * Math.PI;
        const r = clusterRadius(count, alarm);
        ctx.moveTo(sx[k]! + r * Math.cos(a0), sy[k]! + r * Math.sin(a0));
        ctx.arc(sx[k]!, sy[k]!, r, a0, a1);
      }
      ctx.strokeStyle = STATUS_COLORS[s]!;
      ctx.stroke();
    }
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.font = '600 11px system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';
  ctx.fillStyle = '#f1f5f9';
  for (let j = 0; j < n; j++) {
    const k = visible[j]!;
    const count = level.count[k]!;
    if (count > 1) {
      ctx.fillText(String(count), sx[k]!, sy[k]! + 0.5);
      hits.add(
        sx[k]!,
        sy[k]!,
        clusterRadius(count, alarm) + 2,
        alarm ? HIT_CLUSTER_ALARM : HIT_CLUSTER_CAMERA,
        k,
      );
    } else {
      hits.add(sx[k]!, sy[k]!, 3.5, alarm ? HIT_ALARM : HIT_CAMERA, level.point[k]!);
    }
  }
  return { drawn, level, index };
}

function drawHighlight(ctx: CanvasRenderingContext2D, v: View, h: Highlight): void {
  const x = h.wx * v.scale - v.ox;
  const y = h.wy * v.scale - v.oy;
  const r = h.tone === 'site' ? 16 : 10;
  ctx.lineWidth = 6;
  ctx.strokeStyle = 'rgba(56,189,248,0.25)';
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.stroke();
  ctx.lineWidth = 2.5;
  ctx.strokeStyle = h.tone === 'site' ? SITE_HIGHLIGHT_COLOR : SELECTION_COLOR;
  ctx.stroke();
}

/**
 * Draw all layers for one frame and record every drawn item in `hits`. Cameras go first so alarm
 * shapes stay visible on top of them; the selection ring goes last.
 */
export function drawPoints(
  ctx: CanvasRenderingContext2D,
  v: View,
  layers: readonly LayerInput[],
  highlight: Highlight | null,
  hits: HitGrid,
): DrawResult {
  const lod = lodForZoom(v.zoom);
  const result: DrawResult = { drawn: 0, lod, levels: {} };
  hits.reset();
  for (const input of layers) {
    if (lod === 'clusters') {
      const c = drawClusters(ctx, v, input, hits);
      result.drawn += c.drawn;
      result.levels[input.set.layer] = { index: c.index, level: c.level };
    } else {
      result.drawn += drawDots(ctx, v, input, lod === 'fov', hits);
    }
  }
  if (highlight) drawHighlight(ctx, v, highlight);
  return result;
}
