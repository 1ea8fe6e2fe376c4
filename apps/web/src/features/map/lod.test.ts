import { describe, expect, it } from 'vitest';
import { CLUSTER_MAX_ZOOM, clusterLevelForZoom, DOTS_FROM_ZOOM, FOV_FROM_ZOOM, lodForZoom } from './lod';

describe('lodForZoom', () => {
  it('clusters when zoomed out, dots at mid zoom, wedges from 17', () => {
    expect(lodForZoom(10)).toBe('clusters');
    expect(lodForZoom(13)).toBe('clusters');
    expect(lodForZoom(DOTS_FROM_ZOOM - 0.01)).toBe('clusters');
    expect(lodForZoom(DOTS_FROM_ZOOM)).toBe('dots');
    expect(lodForZoom(16.99)).toBe('dots');
    expect(lodForZoom(FOV_FROM_ZOOM)).toBe(17 === FOV_FROM_ZOOM ? 'fov' : 'dots');
    expect(lodForZoom(19)).toBe('fov');
  });

  it('uses integer cluster levels that never exceed the index depth', () => {
    expect(clusterLevelForZoom(12.7)).toBe(12);
    expect(clusterLevelForZoom(-1)).toBe(0);
    expect(clusterLevelForZoom(18)).toBe(CLUSTER_MAX_ZOOM);
  });
});
