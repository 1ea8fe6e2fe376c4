import { bearingOf, type XY } from './geometry.js';
import { type GridStreet, gridToXY, riverDistance } from './layout.js';
import { independentShopName, SHOP_CHAINS, uniqueNames } from './names.js';
import { type Ctx, makePlan, type SitePlan } from './sites.js';

/**
 * Street-front shops: stretches of neighbouring shops along the core's streets, set back 10-25 m
 * from the street line and facing it. Arterials carry more shops than side streets.
 */

const SLOT = 20; // metres of frontage per shop

/** Shares `total` among weights by largest remainder, so the parts sum exactly to `total`. */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const left = total - out.reduce((s, n) => s + n, 0);
  for (let k = 0; k < left; k++) out[order[k]![1]]! += 1;
  return out;
}

interface Line {
  street: GridStreet;
  length: number;
  sides: (1 | -1)[];
  at(t: number, side: 1 | -1, offset: number): XY;
  crossings: number[];
}

function lines(ctx: Ctx): Line[] {
  const g = ctx.layout.grid;
  return ctx.layout.gridStreets.map((street) => {
    const ns = street.axis === 'ns';
    const half = ns ? g.halfU : g.halfV;
    // Edge streets of the core only get shops on their town side.
    const sides: (1 | -1)[] = street.pos <= -half + 1 ? [1] : street.pos >= half - 1 ? [-1] : [1, -1];
    return {
      street,
      length: ns ? 2 * g.halfV : 2 * g.halfU,
      sides,
      at: (t, side, offset) =>
        ns
          ? gridToXY(g, street.pos + side * offset, g.halfV - t)
          : gridToXY(g, -g.halfU + t, street.pos + side * offset),
      crossings: ns ? g.vs.map((v) => g.halfV - v) : g.us.map((u) => u + g.halfU),
    };
  });
}

/** Places `count` shops along the grid streets; returned in street order, then side, then position. */
export function placeShops(ctx: Ctx, count: number): SitePlan[] {
  const { rng, layout } = ctx;
  const ls = lines(ctx);
  const quotas = apportion(
    count,
    ls.map((l) => l.length * l.sides.length * (l.street.kind === 'arterial' ? 1.8 : 1)),
  );
  const taken = new Set<string>();
  const out: SitePlan[] = [];
  let carry = 0;
  ls.forEach((line, li) => {
    const n = Math.floor((line.length - SLOT) / SLOT);
    const free = new Map<number, boolean[]>(line.sides.map((s) => [s, Array(n).fill(true)]));
    // Slots at crossings or by the canal stay empty.
    for (const side of line.sides) {
      free.get(side)!.forEach((_, k) => {
        const t = SLOT * (k + 1);
        const blocked =
          line.crossings.some((c) => Math.abs(c - t) < 25) ||
          riverDistance(layout, line.at(t, side, 15)) < 70;
        if (blocked) free.get(side)![k] = false;
      });
    }
    let want = quotas[li]! + carry;
    const placed: SitePlan[] = [];
    const put = (side: 1 | -1, k: number, setback: number) => {
      free.get(side)![k] = false;
      const t = SLOT * (k + 1) + rng.float(-3, 3);
      const offset = Math.min(25, Math.max(10, setback + rng.float(-2, 2)));
      const xy = line.at(t, side, offset);
      const name = line.street.name;
      const shopName = uniqueNames(
        1,
        () => (rng.chance(0.3) ? `${rng.pick(SHOP_CHAINS)}(${name}店)` : independentShopName(rng)),
        taken,
      )[0]!;
      const no = 2 * (k + 1) + (side === 1 ? -1 : 0);
      const plan = makePlan(ctx, 'shop', shopName, xy, `沧州市运河区${name}${no}号`);
      if (!plan) return;
      const ns = line.street.axis === 'ns';
      plan.shop = {
        street: name,
        side,
        t,
        face: bearingOf([line.at(t, side, 0)[0] - xy[0], line.at(t, side, 0)[1] - xy[1]]),
        sideLabel: ns ? (side === 1 ? '东侧' : '西侧') : side === 1 ? '北侧' : '南侧',
      };
      placed.push(plan);
      want--;
    };
    // Stretches of 5-16 neighbours on one side, as shopping streets look.
    for (let tries = 0; want > 0 && tries < 400; tries++) {
      const side = rng.pick(line.sides);
      const slots = free.get(side)!;
      let k = rng.int(0, n - 1);
      const setback = rng.float(10, 22);
      for (let left = Math.min(want, rng.int(5, 16)); left > 0 && slots[k]; left--, k++)
        put(side, k, setback);
    }
    carry = want;
    placed.sort((a, b) => a.shop!.side - b.shop!.side || a.shop!.t - b.shop!.t);
    out.push(...placed);
  });
  if (out.length !== count) throw new Error(`placed ${out.length} of ${count} shops`);
  return out;
}

// Runs of neighbours: same street, side and station, no gap over 45 m (with `gaps`).
function segments(shops: SitePlan[], gaps: boolean): SitePlan[][] {
  const out: SitePlan[][] = [];
  shops.forEach((s, i) => {
    const prev = shops[i - 1];
    const joins =
      prev &&
      prev.shop!.street === s.shop!.street &&
      prev.shop!.side === s.shop!.side &&
      prev.station === s.station &&
      (!gaps || s.shop!.t - prev.shop!.t <= 45);
    if (joins) out[out.length - 1]!.push(s);
    else out.push([s]);
  });
  return out;
}

/** Splits shops (in street order) into exactly `runs` runs of neighbours on one street side and station. */
export function shopRuns(shops: SitePlan[], runs: number): SitePlan[][] {
  let segs = segments(shops, true);
  if (segs.length > runs) segs = segments(shops, false);
  if (segs.length > runs) throw new Error(`${segs.length} shop stretches do not fit in ${runs} sets`);
  // Every stretch gets a set; spare sets go where the sets are longest, so runs stay even.
  const r = segs.map(() => 1);
  for (let k = segs.length; k < runs; k++) {
    let best = -1;
    segs.forEach((s, i) => {
      if (r[i]! < s.length && (best < 0 || s.length / r[i]! > segs[best]!.length / r[best]!)) best = i;
    });
    if (best < 0) throw new Error('fewer shops than shop sets');
    r[best]! += 1;
  }
  return segs.flatMap((seg, i) => {
    let o = 0;
    return apportion(seg.length, Array(r[i]!).fill(1)).map((n) => {
      o += n;
      return seg.slice(o - n, o);
    });
  });
}
