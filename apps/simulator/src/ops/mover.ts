import { distanceM, type LatLon } from './geo.js';
import type { StreetGraph } from './streets.js';

/** Something that moves at a steady speed along shortest street routes. */
export class Mover {
  pos: LatLon;
  private route: LatLon[] = [];
  private at = 0;

  constructor(
    start: LatLon,
    /** Metres per second. */
    readonly speed: number,
    private readonly streets: StreetGraph,
  ) {
    this.pos = { ...start };
  }

  /** True when there is no route left to follow. */
  get arrived(): boolean {
    return this.at >= this.route.length;
  }

  /** Metres still to go. */
  get remainingM(): number {
    let d = 0;
    let from = this.pos;
    for (let i = this.at; i < this.route.length; i++) {
      d += distanceM(from, this.route[i]!);
      from = this.route[i]!;
    }
    return d;
  }

  /** Head for `to` along the shortest street path (off-street ends in a straight line). */
  goTo(to: LatLon): void {
    this.route = this.streets.route(this.pos, to).points.slice(1);
    this.at = 0;
  }

  stop(): void {
    this.route = [];
    this.at = 0;
  }

  /** Move for `dtMs` along the route. */
  step(dtMs: number): void {
    let budget = (this.speed * dtMs) / 1000;
    while (budget > 0 && this.at < this.route.length) {
      const next = this.route[this.at]!;
      const d = distanceM(this.pos, next);
      if (d <= budget) {
        this.pos = { ...next };
        this.at++;
        budget -= d;
      } else {
        const f = budget / d;
        this.pos = {
          lat: this.pos.lat + f * (next.lat - this.pos.lat),
          lon: this.pos.lon + f * (next.lon - this.pos.lon),
        };
        budget = 0;
      }
    }
  }
}
