import { OUTCOMES } from '@onpatrol/contracts';
import { describe, expect, it } from 'vitest';
import type { UnitSpec } from '../src/ops/district.js';
import { distanceM, type LatLon } from '../src/ops/geo.js';
import { StreetGraph } from '../src/ops/streets.js';
import { UnitAgent } from '../src/ops/unit.js';
import type { ActionResult, UnitAction } from '../src/ops/wire.js';

const O = { lat: 38.3, lon: 116.8 };
const at = (x: number, y: number): LatLon => ({
  lat: O.lat + y / 111_195,
  lon: O.lon + x / (111_195 * Math.cos((O.lat * Math.PI) / 180)),
});
// A 2 km x 2 km grid of streets every 500 m.
const lines: LatLon[][] = [];
for (let k = 0; k <= 2000; k += 500) {
  lines.push([at(0, k), at(2000, k)], [at(k, 0), at(k, 2000)]);
}
const streets = StreetGraph.fromPaths(lines);

/** Deterministic random numbers (mulberry32). */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Order {
  id: number;
  incidentId: number;
  status: string;
  target?: { lat: number; lon: number; place: string };
}

/** The unit terminal's side of the gateway, in memory, on the agent's clock. */
function world(kind: 'car' | 'foot' = 'car') {
  const spec = {
    id: 'YH02-1',
    kind,
    station: { id: 'S2' } as UnitSpec['station'],
    start: at(0, 0),
  } as UnitSpec;
  const agent = new UnitAgent(
    spec,
    { streets, patrolNodes: streets.nodes.map((_, i) => i), rng: seeded(7), positionMs: 3000, pollMs: 2000 },
    0,
  );
  const orders: Order[] = [];
  const answers: { status: string; at: number; pos: LatLon; body: Record<string, unknown> }[] = [];
  const positions: { at: number; pos: LatLon }[] = [];
  const next: Record<string, string[]> = {
    sent: ['accepted'],
    accepted: ['en_route'],
    en_route: ['on_scene'],
    on_scene: ['done'],
  };
  let now = 0;
  const answer = (a: UnitAction): ActionResult => {
    if (a.type === 'position') {
      positions.push({ at: now, pos: { lat: a.lat, lon: a.lon } });
      return { status: 204, body: null };
    }
    if (a.type === 'poll')
      return { status: 200, body: orders.filter((o) => !['done', 'cancelled'].includes(o.status)) };
    const o = orders.find((x) => x.id === a.orderId);
    if (!o || !next[o.status]?.includes(a.body.status)) return { status: 409, body: { rule: 'order-state' } };
    o.status = a.body.status;
    answers.push({ status: a.body.status, at: now, pos: { ...agent.pos }, body: a.body });
    return { status: 200, body: o };
  };
  /** Run the clock to `until` (ms) in 250 ms steps, sending whatever the unit wants to send. */
  const run = (until: number, stop?: () => boolean) => {
    for (; now <= until; now += 250) {
      agent.advance(now);
      for (let a = agent.nextAction(now); a; a = agent.nextAction(now)) agent.onResult(a, answer(a), now);
      if (stop?.()) return;
    }
  };
  return { agent, orders, answers, positions, run, time: () => now };
}

describe('unit state machine', () => {
  it('patrols: reports positions that move along the streets', () => {
    const w = world();
    w.run(60_000);
    expect(w.positions.length).toBeGreaterThanOrEqual(19);
    const moved = distanceM(w.positions[0]!.pos, w.positions.at(-1)!.pos);
    expect(moved).toBeGreaterThan(50);
    // Every reported point lies on a street (the start point is on one here).
    for (const p of w.positions) expect(streets.snap(p.pos).distanceM).toBeLessThan(1);
    // ~30 km/h: at most ~8.3 m/s (+10 %) between two reports.
    for (let i = 1; i < w.positions.length; i++) {
      const [a, b] = [w.positions[i - 1]!, w.positions[i]!];
      expect(distanceM(a.pos, b.pos) / ((b.at - a.at) / 1000)).toBeLessThan(9.3);
    }
  });

  it('answers an order in order: accept after 3-10 s, en route, on scene at the target, done 20-60 s later', () => {
    const w = world();
    w.run(5000);
    const target = at(1500, 1000);
    w.orders.push({ id: 1, incidentId: 9, status: 'sent', target: { ...target, place: '南湖广场' } });
    const given = w.time();
    w.run(20 * 60_000, () => w.orders[0]!.status === 'done');
    expect(w.answers.map((a) => a.status)).toEqual(['accepted', 'en_route', 'on_scene', 'done']);
    const [accepted, enRoute, onScene, done] = w.answers as [
      (typeof w.answers)[0],
      ...(typeof w.answers)[0][],
    ];
    expect(accepted.at - given).toBeGreaterThanOrEqual(3000);
    expect(accepted.at - given).toBeLessThanOrEqual(10_000 + 2500);
    expect(enRoute!.at).toBeGreaterThan(accepted.at);
    expect(distanceM(onScene!.pos, target)).toBeLessThan(1);
    // The drive takes the street distance at ~30 km/h: at least 2.5 km / 9.2 m/s.
    expect(onScene!.at - enRoute!.at).toBeGreaterThan((2500 / 9.2) * 1000);
    expect(done!.at - onScene!.at).toBeGreaterThanOrEqual(20_000);
    expect(done!.at - onScene!.at).toBeLessThanOrEqual(60_250);
    expect(OUTCOMES).toContain(done!.body.outcome);
    if (done!.body.outcome === 'suspects_caught') expect([1, 2]).toContain(done!.body.suspectsCaught);
    // Back on patrol and moving.
    expect(w.agent.order).toBeNull();
    expect(w.agent.phase).toBe('patrol');
    const here = { ...w.agent.pos };
    w.run(w.time() + 30_000);
    expect(distanceM(here, w.agent.pos)).toBeGreaterThan(50);
  });

  it('draws realistic outcomes over many orders', () => {
    const w = world('foot');
    const outcomes: string[] = [];
    for (let id = 1; id <= 30; id++) {
      w.orders.push({ id, incidentId: id, status: 'sent', target: { ...w.agent.pos, place: 'x' } });
      w.run(w.time() + 10 * 60_000, () => w.orders.at(-1)!.status === 'done');
      outcomes.push(String(w.answers.at(-1)!.body.outcome));
    }
    expect(new Set(outcomes).size).toBeGreaterThanOrEqual(3);
    const common = outcomes.filter((o) => ['clue_found', 'false_report', 'suspects_caught'].includes(o));
    expect(common.length).toBeGreaterThan(outcomes.length / 2);
  });

  it('goes back to patrol when the order is cancelled on the way', () => {
    const w = world();
    w.run(2000);
    w.orders.push({ id: 1, incidentId: 1, status: 'sent', target: { ...at(2000, 2000), place: 'x' } });
    w.run(60_000, () => w.agent.phase === 'en_route');
    expect(w.agent.phase).toBe('en_route');
    w.orders[0]!.status = 'cancelled';
    w.run(w.time() + 5000);
    expect(w.agent.order).toBeNull();
    expect(w.agent.phase).toBe('patrol');
    expect(w.answers.map((a) => a.status)).toEqual(['accepted', 'en_route']);
  });

  it('heads for a nearby street point when the order has no target', () => {
    const w = world();
    w.run(2000);
    w.orders.push({ id: 1, incidentId: 1, status: 'sent' });
    w.run(20 * 60_000, () => w.orders[0]!.status === 'done');
    expect(w.answers.map((a) => a.status)).toEqual(['accepted', 'en_route', 'on_scene', 'done']);
    expect(streets.snap(w.answers[2]!.pos).distanceM).toBeLessThan(1);
  });

  it('stands still and does not answer while paused, then carries on', () => {
    const w = world();
    w.run(3000);
    w.agent.pause();
    w.orders.push({ id: 1, incidentId: 1, status: 'sent', target: { ...at(500, 500), place: 'x' } });
    const here = { ...w.agent.pos };
    w.run(w.time() + 30_000);
    expect(w.agent.pos).toEqual(here);
    expect(w.answers).toHaveLength(0);
    w.agent.resume(w.time());
    w.run(w.time() + 15_000);
    expect(w.answers.map((a) => a.status)).toContain('accepted');
  });
});
