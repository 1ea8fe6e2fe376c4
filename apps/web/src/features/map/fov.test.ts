import { describe, expect, it } from 'vitest';
import { metresPerPixel, traceWedge, wedgeAngles, wedgeContains } from './fov';

describe('FOV wedge geometry', () => {
  it('points a north-facing camera up the screen', () => {
    const { start, end } = wedgeAngles(0, 90);
    expect(start).toBeCloseTo(-0.75 * Math.PI);
    expect(end).toBeCloseTo(-0.25 * Math.PI);
    expect(wedgeContains(0, -10, 0, 90, 20)).toBe(true); // straight up
    expect(wedgeContains(10, 0, 0, 90, 20)).toBe(false); // east
    expect(wedgeContains(0, 10, 0, 90, 20)).toBe(false); // south
  });

  it('turns clockwise with the bearing', () => {
    expect(wedgeContains(10, 0, 90, 60, 20)).toBe(true); // east-facing sees east
    expect(wedgeContains(0, 10, 180, 60, 20)).toBe(true); // south-facing sees south
    expect(wedgeContains(-10, 0, 270, 60, 20)).toBe(true); // west-facing sees west
    expect(wedgeContains(7, -7, 45, 10, 20)).toBe(true); // north-east
    expect(wedgeContains(-7, -7, 45, 10, 20)).toBe(false);
  });

  it('wraps around north and respects the range', () => {
    expect(wedgeContains(-3, -10, 350, 40, 20)).toBe(true);
    expect(wedgeContains(1, -10, 350, 40, 20)).toBe(true);
    expect(wedgeContains(4, -10, 350, 40, 20)).toBe(false);
    expect(wedgeContains(0, -30, 0, 90, 20)).toBe(false);
    expect(wedgeContains(0, 10, 0, 360, 20)).toBe(true);
  });

  it('converts range in metres to pixels by latitude and zoom', () => {
    expect(metresPerPixel(0, 0)).toBeCloseTo(156543.03, 1);
    // at the district (38.3° N), zoom 17: about 0.94 m per pixel, so 40 m ≈ 43 px
    const mpp = metresPerPixel(38.3, 17);
    expect(mpp).toBeCloseTo(0.937, 2);
    expect(40 / mpp).toBeGreaterThan(40);
    expect(metresPerPixel(38.3, 18)).toBeCloseTo(mpp / 2, 9);
  });

  it('traces an arc wedge or a full disc', () => {
    const calls: string[] = [];
    const ctx = {
      moveTo: (x: number, y: number) => calls.push(`M${x},${y}`),
      arc: (_x: number, _y: number, r: number, a0: number, a1: number) =>
        calls.push(`A${r},${a0.toFixed(3)},${a1.toFixed(3)}`),
      closePath: () => calls.push('Z'),
    };
    traceWedge(ctx, 10, 20, 30, 90, 60);
    expect(calls).toEqual(['M10,20', `A30,${(-Math.PI / 6).toFixed(3)},${(Math.PI / 6).toFixed(3)}`, 'Z']);
    calls.length = 0;
    traceWedge(ctx, 10, 20, 30, 0, 360);
    expect(calls[0]).toBe('M40,20');
    expect(calls).not.toContain('Z');
  });
});
