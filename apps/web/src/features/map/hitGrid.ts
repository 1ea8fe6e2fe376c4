/** What a drawn item on the point canvas stands for. */
export const HIT_CAMERA = 0;
export const HIT_ALARM = 1;
export const HIT_CLUSTER_CAMERA = 2;
export const HIT_CLUSTER_ALARM = 3;

export interface Hit {
  kind: number;
  /** Point index for cameras/alarms; node index of the cluster level for clusters. */
  ref: number;
  x: number;
  y: number;
  /** Radius the item was recorded with. */
  r: number;
}

/**
 * Screen-space uniform grid over the items of the last draw. Items are appended while drawing
 * (cheap pushes into typed arrays); the cell buckets are built lazily on the first query, so
 * frames that nobody clicks on never pay for them.
 */
export class HitGrid {
  private n = 0;
  private xs = new Float32Array(1024);
  private ys = new Float32Array(1024);
  private rs = new Float32Array(1024);
  private kinds = new Uint8Array(1024);
  private refs = new Int32Array(1024);
  private maxR = 0;
  private cols = 0;
  private rows = 0;
  private cellStart: Int32Array | null = null;
  private cellItems = new Int32Array(0);

  constructor(private readonly cell = 32) {}

  /** Forget all items; call at the start of every draw. */
  reset(): void {
    this.n = 0;
    this.maxR = 0;
    this.cellStart = null;
  }

  get size(): number {
    return this.n;
  }

  /** Record an item drawn at (x, y) with radius r (px). */
  add(x: number, y: number, r: number, kind: number, ref: number): void {
    if (this.n === this.xs.length) this.grow();
    const i = this.n++;
    this.xs[i] = x;
    this.ys[i] = y;
    this.rs[i] = r;
    this.kinds[i] = kind;
    this.refs[i] = ref;
    if (r > this.maxR) this.maxR = r;
    this.cellStart = null;
  }

  /**
   * The item nearest to (x, y): a point within `tolerance` px of its centre or a cluster whose
   * disc contains the spot. Closest edge wins, so a point beside a big cluster still gets picked.
   * `onlyKind` restricts the search to one kind of item.
   */
  query(x: number, y: number, tolerance = 8, onlyKind = -1): Hit | null {
    if (this.n === 0) return null;
    if (!this.cellStart) this.index();
    const reach = Math.max(tolerance, this.maxR);
    const c0 = this.clampCol(Math.floor((x - reach) / this.cell));
    const c1 = this.clampCol(Math.floor((x + reach) / this.cell));
    const r0 = this.clampRow(Math.floor((y - reach) / this.cell));
    const r1 = this.clampRow(Math.floor((y + reach) / this.cell));
    const start = this.cellStart!;
    let best = -1;
    let bestScore = Number.POSITIVE_INFINITY;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cellIdx = r * this.cols + c;
        for (let k = start[cellIdx]!; k < start[cellIdx + 1]!; k++) {
          const i = this.cellItems[k]!;
          if (onlyKind >= 0 && this.kinds[i] !== onlyKind) continue;
          const d = Math.hypot(this.xs[i]! - x, this.ys[i]! - y);
          const radius = this.rs[i]!;
          if (d > Math.max(radius, tolerance)) continue;
          const score = d - radius;
          // later items were drawn on top, so they win ties
          if (score <= bestScore) {
            bestScore = score;
            best = i;
          }
        }
      }
    }
    if (best < 0) return null;
    return {
      kind: this.kinds[best]!,
      ref: this.refs[best]!,
      x: this.xs[best]!,
      y: this.ys[best]!,
      r: this.rs[best]!,
    };
  }

  private clampCol(c: number): number {
    return Math.max(0, Math.min(this.cols - 1, c));
  }

  private clampRow(r: number): number {
    return Math.max(0, Math.min(this.rows - 1, r));
  }

  /** Counting sort of the items into cells (CSR layout: cellStart[c]..cellStart[c+1]). */
  private index(): void {
    let maxX = 0;
    let maxY = 0;
    for (let i = 0; i < this.n; i++) {
      maxX = Math.max(maxX, this.xs[i]!);
      maxY = Math.max(maxY, this.ys[i]!);
    }
    this.cols = Math.max(1, Math.floor(maxX / this.cell) + 1);
    this.rows = Math.max(1, Math.floor(maxY / this.cell) + 1);
    const start = new Int32Array(this.cols * this.rows + 1);
    const cellOf = new Int32Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const c = this.clampCol(Math.floor(this.xs[i]! / this.cell));
      const r = this.clampRow(Math.floor(this.ys[i]! / this.cell));
      cellOf[i] = r * this.cols + c;
      start[cellOf[i]! + 1]! += 1;
    }
    for (let c = 1; c < start.length; c++) start[c]! += start[c - 1]!;
    const fill = start.slice(0, -1);
    this.cellItems = new Int32Array(this.n);
    for (let i = 0; i < this.n; i++) this.cellItems[fill[cellOf[i]!]!++] = i;
    this.cellStart = start;
  }

  private grow(): void {
    const size = this.xs.length * 2;
    const copy = <T extends Float32Array | Uint8Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.xs = copy(this.xs, (n) => new Float32Array(n));
    this.ys = copy(this.ys, (n) => new Float32Array(n));
    this.rs = copy(this.rs, (n) => new Float32Array(n));
    this.kinds = copy(this.kinds, (n) => new Uint8Array(n));
    this.refs = copy(this.refs, (n) => new Int32Array(n));
  }
}
