import type { CameraKind } from '@onpatrol/contracts';
import { add, bearingOf, move, scale, type XY } from './geometry.js';
import type { Rng } from './random.js';
import type { SitePlan } from './sites.js';

/**
 * Where a site's cameras hang and where they look. Gate cameras face the gate, perimeter cameras
 * look along the fence, indoor and entrance cameras are domes, high points and village entrances
 * get a PTZ (its fov is the full pan circle, its range the longest).
 */

/** One camera position before it gets an id and a channel. */
export interface Mount {
  xy: XY;
  label: string;
  kind: CameraKind;
  bearing: number;
  fov: number;
  range: number;
}

/** A bearing normalised to [0, 360), one decimal. */
export function norm(b: number): number {
  const n = Math.round((((b % 360) + 360) % 360) * 10) / 10;
  return n === 360 ? 0 : n;
}

function cam(rng: Rng, xy: XY, label: string, kind: CameraKind, bearing: number): Mount {
  if (kind === 'ptz') return { xy, label, kind, bearing: norm(bearing), fov: 360, range: rng.int(140, 160) };
  const fov = kind === 'dome' ? rng.int(85, 110) : rng.int(45, 90);
  // Narrow lenses see farther; domes cover rooms and doorways.
  const range = kind === 'dome' ? rng.int(20, 35) : Math.round(120 - fov + rng.int(-10, 10));
  return { xy, label, kind, bearing: norm(bearing), fov, range: Math.max(20, Math.min(120, range)) };
}

const DIRS = [
  ['北', 0],
  ['东', 90],
  ['南', 180],
  ['西', 270],
] as const;

/** 东/南/西/北 for a bearing. */
export function dirLabel(bearing: number): string {
  return DIRS[Math.round(norm(bearing) / 90) % 4]![0];
}

const COMPOUND_INSIDE: readonly (readonly [string, CameraKind])[] = [
  ['#号楼单元口', 'dome'],
  ['地下车库入口', 'bullet'],
  ['非机动车棚', 'bullet'],
  ['#号楼单元口', 'dome'],
  ['中心花园', 'bullet'],
  ['主干道', 'bullet'],
  ['物业楼', 'dome'],
  ['停车场', 'bullet'],
];
const KEY_INSIDE: readonly (readonly [string, CameraKind])[] = [
  ['大厅', 'dome'],
  ['停车场', 'bullet'],
  ['楼道', 'dome'],
  ['出入口', 'bullet'],
  ['电梯厅', 'dome'],
  ['广场', 'bullet'],
  ['楼道', 'dome'],
  ['非机动车停放区', 'bullet'],
];
const VILLAGE_INSIDE: readonly (readonly [string, CameraKind])[] = [
  ['主街', 'bullet'],
  ['后街', 'bullet'],
  ['文化广场', 'bullet'],
  ['小卖部门口', 'bullet'],
  ['卫生室', 'dome'],
  ['小学门口', 'bullet'],
];

// Key sites and compounds: gates, high points, fence corners, then fence sides and the inside.
function blockMounts(plan: SitePlan, count: number, rng: Rng): Mount[] {
  const key = plan.site.kind === 'key_site';
  const { half, theta } = plan.block!;
  const e1: XY = [Math.cos(theta), Math.sin(theta)];
  const e2: XY = [-Math.sin(theta), Math.cos(theta)];
  const at = (a: number, b: number) => add(plan.xy, add(scale(e1, a), scale(e2, b)));
  const sides = [
    { n: [0, 1], h: half[1], l: half[0] },
    { n: [1, 0], h: half[0], l: half[1] },
    { n: [0, -1], h: half[1], l: half[0] },
    { n: [-1, 0], h: half[0], l: half[1] },
  ].map((s) => ({ ...s, out: bearingOf(add(scale(e1, s.n[0]!), scale(e2, s.n[1]!))) }));
  // A point on a side: `depth` metres inside the fence, `along` (-1..1) of the way along it.
  const onSide = (s: (typeof sides)[number], along: number, depth: number) =>
    s.n[0] === 0 ? at(along * s.l, s.n[1]! * (s.h - depth)) : at(s.n[0]! * (s.h - depth), along * s.l);
  const out: Mount[] = [];
  const gates = key ? 4 : count >= 18 ? 3 : count >= 12 ? 2 : 1;
  const order = key ? sides : rng.shuffle(sides);
  for (let g = 0; g < gates; g++) {
    const s = order[g % 4]!;
    const along = rng.float(-0.5, 0.5);
    const label = key ? `${dirLabel(s.out)}门` : `${g + 1}号门`;
    out.push(cam(rng, onSide(s, along, 6), label, 'bullet', s.out));
    out.push(
      cam(rng, onSide(s, along, 3), `${label}内`, key ? 'dome' : 'bullet', s.out + 180 + rng.float(-15, 15)),
    );
  }
  if (key) {
    for (let i = 0; i < (count >= 40 ? 2 : 1); i++) {
      out.push(
        cam(
          rng,
          at(rng.float(-0.3, 0.3) * half[0], rng.float(-0.3, 0.3) * half[1]),
          '高点',
          'ptz',
          rng.float(0, 360),
        ),
      );
    }
  }
  for (const [a, b] of [
    [1, 1],
    [1, -1],
    [-1, -1],
    [-1, 1],
  ] as const) {
    const corner = at(a * (half[0] - 2), b * (half[1] - 2));
    const label = `${key ? '周界' : '围墙'}${dirLabel(bearingOf(scale(e1, a)))}${dirLabel(bearingOf(scale(e2, b)))}角`;
    // Look back along one fence, turned a little outward.
    const along = rng.chance(0.5) ? bearingOf(scale(e1, -a)) + b * 10 : bearingOf(scale(e2, -b)) - a * 10;
    out.push(cam(rng, corner, label, 'bullet', along));
  }
  const inside = key ? KEY_INSIDE : COMPOUND_INSIDE;
  let building = 1;
  for (let i = 0; out.length < count; i++) {
    if (i % 3 === 2) {
      const s = sides[Math.floor(i / 3) % 4]!;
      const label = `${dirLabel(s.out)}侧${key ? '周界' : '围墙'}`;
      out.push(cam(rng, onSide(s, rng.float(-0.6, 0.6), 3), label, 'bullet', s.out + rng.pick([-70, 70])));
      continue;
    }
    const [name, kind] = inside[i % inside.length]!;
    const label = name.includes('#') ? name.replace('#', String(building++)) : name;
    const xy = at(rng.float(-1, 1) * (half[0] - 15), rng.float(-1, 1) * (half[1] - 15));
    out.push(cam(rng, xy, label, kind, rng.float(0, 360)));
  }
  return out.slice(0, count);
}

// Villages: the main entrance (PTZ and a bullet looking out), other entrances, the crossroads, the rest.
function villageMounts(plan: SitePlan, count: number, rng: Rng): Mount[] {
  const { radius, entrance } = plan.village!;
  const gate = move(plan.xy, entrance, radius);
  const out: Mount[] = [
    cam(rng, gate, '村口', 'ptz', entrance),
    cam(rng, move(gate, entrance + 90, 3), '村口', 'bullet', entrance),
  ];
  for (const turn of [120, 240]) {
    const b = entrance + turn + rng.float(-25, 25);
    out.push(cam(rng, move(plan.xy, b, radius * rng.float(0.8, 1)), `${dirLabel(b)}村口`, 'bullet', b));
  }
  out.push(cam(rng, plan.xy, '十字路口', 'bullet', rng.float(0, 360)));
  out.push(
    cam(rng, move(plan.xy, rng.float(0, 360), rng.float(20, 60)), '村委会', 'dome', rng.float(0, 360)),
  );
  for (let i = 0; out.length < count; i++) {
    const [label, kind] = VILLAGE_INSIDE[i % VILLAGE_INSIDE.length]!;
    const b = i % VILLAGE_INSIDE.length === 0 ? entrance : rng.float(0, 360);
    const xy = move(plan.xy, b, radius * rng.float(0.2, 0.85));
    out.push(cam(rng, xy, label, kind, label === '主街' ? b + rng.pick([0, 180]) : rng.float(0, 360)));
  }
  return out.slice(0, count);
}

// Shops: the door camera looks out at the street; a second one watches the counter and the door.
function shopMounts(plan: SitePlan, count: number, rng: Rng): Mount[] {
  const { face } = plan.shop!;
  const out = [cam(rng, move(plan.xy, face, 3), '门前', 'bullet', face + rng.float(-20, 20))];
  if (count > 1) out.push(cam(rng, move(plan.xy, face + 180, 3), '店内', 'dome', face));
  return out;
}

/** The `count` camera mounts of a site, in channel order. */
export function mountsFor(plan: SitePlan, count: number, rng: Rng): Mount[] {
  if (plan.site.kind === 'shop') return shopMounts(plan, count, rng);
  if (plan.site.kind === 'village') return villageMounts(plan, count, rng);
  return blockMounts(plan, count, rng);
}
