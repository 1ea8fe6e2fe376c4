import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/client';
import { memoryStorage } from '../../../lib/namedList';
import { importLegacyViews, LEGACY_KEYS } from './legacyViews';

const CAM = '13090300001310000001';

describe('moving layouts and tours kept in the browser to the gateway', () => {
  it('sends every readable item once, drops refused or unreadable ones, and clears the storage', async () => {
    const storage = memoryStorage();
    storage.setItem(
      LEGACY_KEYS.layouts('duty'),
      JSON.stringify([
        { name: ' 夜间 ', layout: 4, cameras: [CAM, null] },
        { name: 'bad', layout: 6, cameras: [] },
        { name: 'refused', layout: 1, cameras: ['gone'] },
      ]),
    );
    storage.setItem(
      LEGACY_KEYS.tours('duty'),
      JSON.stringify([{ name: 'T', cameraIds: [CAM], dwellSec: 30 }, 7]),
    );
    storage.setItem(LEGACY_KEYS.layouts('leader'), JSON.stringify([{ name: 'x', layout: 1, cameras: [] }]));
    const sent: unknown[] = [];
    const moved = await importLegacyViews('duty', storage, {
      saveLayout: async (name, body) => {
        if (name === 'refused') throw new ApiError('http', 400, 'cameras.0: camera gone not found');
        sent.push(['layout', name, body]);
      },
      saveTour: async (name, body) => void sent.push(['tour', name, body]),
    });
    expect(moved).toBe(2);
    expect(sent).toEqual([
      ['layout', '夜间', { layout: 4, cameras: [CAM, null] }],
      ['tour', 'T', { cameraIds: [CAM], dwellSec: 30 }],
    ]);
    expect(storage.data.has(LEGACY_KEYS.layouts('duty'))).toBe(false);
    expect(storage.data.has(LEGACY_KEYS.tours('duty'))).toBe(false);
    // Another user's items on this browser wait for that user.
    expect(storage.data.has(LEGACY_KEYS.layouts('leader'))).toBe(true);
  });

  it('keeps the items when the gateway cannot be reached, for the next attempt', async () => {
    const storage = memoryStorage();
    storage.setItem(LEGACY_KEYS.layouts('duty'), JSON.stringify([{ name: 'a', layout: 1, cameras: [] }]));
    const moved = await importLegacyViews('duty', storage, {
      saveLayout: async () => {
        throw new ApiError('network', 0, 'offline');
      },
      saveTour: async () => undefined,
    });
    expect(moved).toBe(0);
    expect(storage.data.has(LEGACY_KEYS.layouts('duty'))).toBe(true);
    expect(
      await importLegacyViews('duty', null, { saveLayout: async () => 1, saveTour: async () => 1 }),
    ).toBe(0);
  });
});
