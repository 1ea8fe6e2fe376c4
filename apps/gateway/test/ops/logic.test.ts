import type { Unit } from '@onpatrol/contracts';
import { describe, expect, it } from 'vitest';
import { type CameraView, camerasForPoint } from '../../src/ops/cameraSelect.js';
import { rankUnits } from '../../src/ops/ranking.js';
import { checkIncident, checkOrder, IllegalTransitionError } from '../../src/ops/states.js';

// 0.0001° latitude ≈ 11.1 m; at 38.3° N, 0.0001° longitude ≈ 8.7 m.
const at = (north: number, east: number) => ({ lat: 38.3 + north / 111_000, lon: 116.8 + east / 87_300 });
const camera = (
  id: string,
  north: number,
  east: number,
  bearing: number,
  fov = 60,
  range = 50,
): CameraView => ({
  id,
  ...at(north, east),
  bearing,
  fov,
  range,
  status: 'online',
});

describe('cameras for an alarm point', () => {
  const p = at(0, 0);

  it('picks a camera that has the point inside its view and range', () => {
    expect(camerasForPoint(p.lat, p.lon, [camera('south-looking-north', -30, 0, 0)])).toEqual([
      'south-looking-north',
    ]);
  });

  it('does not count a camera that faces away, unless nothing sees the point', () => {
    const behind = camera('facing-away', -30, 0, 180);
    const seeing = camera('seeing', 0, -40, 90);
    expect(camerasForPoint(p.lat, p.lon, [behind, seeing])).toEqual(['seeing']);
    // Fallback: nobody sees it, the nearest within the radius come up.
    expect(camerasForPoint(p.lat, p.lon, [behind])).toEqual(['facing-away']);
  });

  it('ignores a camera pointing at the point from beyond its range', () => {
    const far = camera('far', -80, 0, 0, 60, 50);
    const seeing = camera('seeing', 0, 60, 270, 60, 80);
    expect(camerasForPoint(p.lat, p.lon, [far, seeing])).toEqual(['seeing']);
    // With nobody seeing it, both come up as fallbacks, nearest first.
    const near = camera('near-behind', 20, 0, 0);
    expect(camerasForPoint(p.lat, p.lon, [far, near])).toEqual(['near-behind', 'far']);
    expect(camerasForPoint(p.lat, p.lon, [camera('too-far', -400, 0, 0, 60, 50)])).toEqual([]);
  });

  it('puts online cameras first, then by distance', () => {
    const off = { ...camera('offline-close', -10, 0, 0), status: 'offline' };
    const on = camera('online-farther', -40, 0, 0);
    expect(camerasForPoint(p.lat, p.lon, [off, on])).toEqual(['online-farther', 'offline-close']);
  });

  it('handles a 360° PTZ and bearings across north', () => {
    expect(camerasForPoint(p.lat, p.lon, [camera('ptz', 50, 50, 123, 360, 150)])).toEqual(['ptz']);
    // Camera south-west of the point, pointing 30° (north-east); the point is at bearing ~39°.
    expect(camerasForPoint(p.lat, p.lon, [camera('ne', -30, -25, 350, 100, 60)])).toEqual(['ne']);
  });
});

describe('unit ranking', () => {
  const unit = (
    id: string,
    kind: Unit['kind'],
    north: number,
    status: Unit['status'] = 'available',
  ): Unit => ({
    id,
    callsign: id,
    kind,
    stationId: '13090301002160000001',
    status,
    ...at(north, 0),
    positionAt: new Date().toISOString(),
    orderId: null,
  });

  it('ranks available units by travel time, a near foot patrol behind a car that is quicker', () => {
    const ranked = rankUnits(
      [unit('foot-300m', 'foot', 300), unit('car-1km', 'car', 1000), unit('busy-car', 'car', 50, 'assigned')],
      38.3,
      116.8,
    );
    expect(ranked.map((r) => r.unit.id)).toEqual(['car-1km', 'foot-300m', 'busy-car']);
    expect(ranked[0]!.distanceM).toBeGreaterThan(990);
    expect(ranked[0]!.etaSeconds).toBeGreaterThan(100);
  });
});

describe('state machines', () => {
  it('allows the normal life of an incident and an order', () => {
    expect(() => checkIncident('open', 'dispatched')).not.toThrow();
    expect(() => checkIncident('dispatched', 'on_scene')).not.toThrow();
    expect(() => checkIncident('on_scene', 'resolved')).not.toThrow();
    for (const [a, b] of [
      ['sent', 'accepted'],
      ['accepted', 'en_route'],
      ['en_route', 'on_scene'],
      ['on_scene', 'done'],
    ] as const) {
      expect(() => checkOrder(a, b)).not.toThrow();
    }
  });

  it('refuses illegal transitions with a named rule', () => {
    expect(() => checkIncident('resolved', 'open')).toThrow(IllegalTransitionError);
    expect(() => checkIncident('open', 'on_scene')).toThrow(/incident cannot go from open to on_scene/);
    expect(() => checkOrder('sent', 'done')).toThrow(/order cannot go from sent to done/);
    expect(() => checkOrder('done', 'accepted')).toThrow(IllegalTransitionError);
    try {
      checkOrder('cancelled', 'accepted');
    } catch (e) {
      expect((e as IllegalTransitionError).extra.rule).toBe('order-state');
    }
  });
});
