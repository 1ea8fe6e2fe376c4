import L from 'leaflet';
import { type PointSet, passesSiteKind } from '../registry/points';
import { ClusterIndex } from './clusters';
import { type DrawResult, drawPoints, type Highlight, type LayerInput, type View } from './drawPoints';
import { HIT_CLUSTER_ALARM, HIT_CLUSTER_CAMERA, type Hit, HitGrid } from './hitGrid';

export interface PointLayerState {
  cameras: PointSet | null;
  alarms: PointSet | null;
  showCameras: boolean;
  showAlarms: boolean;
  siteKindMask: number;
  highlight: Highlight | null;
}

export interface DrawStats {
  ms: number;
  drawn: number;
  lod: DrawResult['lod'];
  at: number;
  /** Points held by the layer (both sets, filters ignored): 0 until data arrives. */
  loaded: number;
}

/** A click that landed on something: a point to select, or a cluster to zoom into. */
export type Pick =
  | { type: 'point'; layer: 'camera' | 'alarm'; index: number }
  | { type: 'cluster'; lat: number; lon: number; zoom: number };

const PANE = 'onpatrol-points';

/**
 * Every camera and alarm on one <canvas>. Leaflet moves the pane while dragging and we redraw in
 * the next animation frame, so frames during pan and flyTo are exact; CSS zoom animations instead
 * scale the last frame (as Leaflet's own renderers do) and the real redraw follows at zoomend.
 */
export class PointCanvasLayer extends L.Layer {
  private canvas: HTMLCanvasElement | null = null;
  private ctx: CanvasRenderingContext2D | null = null;
  private frame = 0;
  private zooming = false;
  private state: PointLayerState = {
    cameras: null,
    alarms: null,
    showCameras: true,
    showAlarms: true,
    siteKindMask: 0b1111,
    highlight: null,
  };
  private clusterCache = new Map<string, ClusterIndex>();
  private last: DrawResult | null = null;
  readonly hits = new HitGrid();
  /** Called after every draw (instrumentation, data-points-drawn). */
  onDraw: ((stats: DrawStats) => void) | null = null;
  /** Called when a click hits a point or cluster. */
  onPick: ((pick: Pick) => void) | null = null;

  override onAdd(map: L.Map): this {
    const pane = map.getPane(PANE) ?? map.createPane(PANE);
    pane.style.zIndex = '450';
    pane.style.pointerEvents = 'none';
    const canvas = L.DomUtil.create('canvas', 'onpatrol-point-canvas leaflet-zoom-animated', pane);
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.zooming = false;
    map.on('move zoom viewreset', this.schedule, this);
    map.on('moveend', this.schedule, this);
    map.on('resize', this.drawNow, this);
    map.on('zoomanim', this.onZoomAnim, this);
    map.on('zoomend', this.onZoomEnd, this);
    map.on('click', this.onClick, this);
    map.on('mousemove', this.onHover, this);
    this.drawNow();
    return this;
  }

  override onRemove(map: L.Map): this {
    map.off('move zoom viewreset', this.schedule, this);
    map.off('moveend', this.schedule, this);
    map.off('resize', this.drawNow, this);
    map.off('zoomanim', this.onZoomAnim, this);
    map.off('zoomend', this.onZoomEnd, this);
    map.off('click', this.onClick, this);
    map.off('mousemove', this.onHover, this);
    cancelAnimationFrame(this.frame);
    this.canvas?.remove();
    this.canvas = null;
    this.ctx = null;
    return this;
  }

  /** Replace data and/or options. New point sets drop the cluster indexes; anything else just redraws. */
  update(next: Partial<PointLayerState>): void {
    if (
      (next.cameras !== undefined && next.cameras !== this.state.cameras) ||
      (next.alarms !== undefined && next.alarms !== this.state.alarms)
    ) {
      this.clusterCache.clear();
    }
    this.state = { ...this.state, ...next };
    this.schedule();
  }

  /** Redraw in the next animation frame (coalesces bursts of events). */
  schedule(): void {
    if (this.frame || this.zooming) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.drawNow();
    });
  }

  /** Redraw synchronously; returns the stats of this draw. */
  drawNow(): DrawStats | null {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    const map = this._map as L.Map | undefined;
    const { canvas, ctx } = this;
    if (!map || !canvas || !ctx || this.zooming) return null;
    const t0 = performance.now();
    const size = map.getSize();
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(size.x * dpr) || canvas.height !== Math.round(size.y * dpr)) {
      canvas.width = Math.round(size.x * dpr);
      canvas.height = Math.round(size.y * dpr);
      canvas.style.width = `${size.x}px`;
      canvas.style.height = `${size.y}px`;
    }
    const topLeft = map.containerPointToLayerPoint([0, 0]);
    L.DomUtil.setPosition(canvas, topLeft);
    const zoom = map.getZoom();
    const origin = map.getPixelOrigin().add(topLeft);
    const view: View = {
      width: size.x,
      height: size.y,
      zoom,
      scale: 256 * 2 ** zoom,
      ox: origin.x,
      oy: origin.y,
    };
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, size.x, size.y);
    this.last = drawPoints(ctx, view, this.inputs(), this.state.highlight, this.hits);
    const loaded = (this.state.cameras?.count ?? 0) + (this.state.alarms?.count ?? 0);
    const stats: DrawStats = {
      ms: performance.now() - t0,
      drawn: this.last.drawn,
      lod: this.last.lod,
      at: t0,
      loaded,
    };
    this.onDraw?.(stats);
    return stats;
  }

  /** Nearest drawn item to a container point, resolved to what a click should do. */
  pickAt(x: number, y: number): Pick | null {
    const hit = this.hits.query(x, y);
    return hit ? this.resolve(hit) : null;
  }

  private inputs(): LayerInput[] {
    const s = this.state;
    const out: LayerInput[] = [];
    const add = (set: PointSet | null, on: boolean) => {
      if (!set || !on) return;
      const key = `${set.layer}:${s.siteKindMask}`;
      const mask = s.siteKindMask;
      out.push({
        set,
        mask,
        clusters: () => {
          let index = this.clusterCache.get(key);
          if (!index) {
            index = new ClusterIndex(set, (i) => passesSiteKind(set, i, mask));
            this.clusterCache.set(key, index);
          }
          return index;
        },
      });
    };
    add(s.cameras, s.showCameras);
    add(s.alarms, s.showAlarms);
    return out;
  }

  private resolve(hit: Hit): Pick | null {
    if (hit.kind === HIT_CLUSTER_CAMERA || hit.kind === HIT_CLUSTER_ALARM) {
      const entry = this.last?.levels[hit.kind === HIT_CLUSTER_CAMERA ? 'camera' : 'alarm'];
      if (!entry) return null;
      const id = entry.level.clusterId[hit.ref]!;
      const map = this._map as L.Map;
      const ll = map.containerPointToLatLng([hit.x, hit.y]);
      const zoom = Math.max(entry.index.expansionZoom(id), Math.floor(map.getZoom()) + 1);
      return { type: 'cluster', lat: ll.lat, lon: ll.lng, zoom };
    }
    return { type: 'point', layer: hit.kind === 0 ? 'camera' : 'alarm', index: hit.ref };
  }

  private onClick(e: L.LeafletMouseEvent): void {
    const pick = this.pickAt(e.containerPoint.x, e.containerPoint.y);
    if (pick) this.onPick?.(pick);
  }

  private onHover(e: L.LeafletMouseEvent): void {
    const over = this.hits.query(e.containerPoint.x, e.containerPoint.y) !== null;
    (this._map as L.Map).getContainer().classList.toggle('onpatrol-hover-point', over);
  }

  // Scale the last frame along with Leaflet's CSS zoom transition (cf. L.Renderer#_updateTransform).
  private onZoomAnim(e: L.ZoomAnimEvent): void {
    const map = this._map as L.Map;
    if (!this.canvas) return;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.zooming = true;
    const size = map.getSize();
    const panePos = map.containerPointToLayerPoint([0, 0]).multiplyBy(-1);
    const newOrigin = map.project(e.center, e.zoom).subtract(size.divideBy(2)).add(panePos).round();
    const topLeft = map.project(map.containerPointToLatLng([0, 0]), e.zoom).subtract(newOrigin);
    L.DomUtil.setTransform(this.canvas, topLeft, map.getZoomScale(e.zoom, map.getZoom()));
  }

  private onZoomEnd(): void {
    this.zooming = false;
    this.drawNow();
  }
}
