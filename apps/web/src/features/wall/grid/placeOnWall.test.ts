import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTour } from '../tour/tourStore';
import { focusTile, placeOnWall } from './placeOnWall';
import { useWall } from './wallStore';

const cam = (n: number) => `130903010013100000${String(n).padStart(2, '0')}`;

describe('putting a camera on the wall', () => {
  afterEach(() => {
    useTour.getState().stop();
    useWall.getState().reset();
    vi.useRealTimers();
  });

  it('places into the chosen tile, and pins nothing while no tour runs', () => {
    expect(placeOnWall(cam(1))).toBe(0);
    expect(placeOnWall(cam(2), 5)).toBe(5);
    focusTile(5);
    const wall = useWall.getState();
    expect(wall.slots.slice(0, 6)).toEqual([cam(1), null, null, null, null, cam(2)]);
    expect(wall.focus).toBe(5);
    expect(wall.pinned.size).toBe(0);
  });

  it('pins what is placed or focused during a tour, so the next page keeps it', () => {
    vi.useFakeTimers();
    useTour.getState().start({ name: '夜巡', cameraIds: [cam(1), cam(2), cam(3)], dwellSec: 30 });
    expect(useWall.getState().rotation).toBe('夜巡');
    const at = placeOnWall(cam(9), 7);
    focusTile(2);
    expect([...useWall.getState().pinned].sort()).toEqual([2, at]);
    useTour.getState().stop();
    expect(useWall.getState().rotation).toBeNull();
  });
});
