import type { TourBody, WallLayoutBody } from '@onpatrol/contracts';
import { ApiError } from '../../../api/client';
import { type KeyValueStorage, readList } from '../../../lib/namedList';
import { isLayout, MAX_TILES } from '../grid/layout';

/** Where versions before server-side storage kept a user's layouts and tours in the browser. */
export const LEGACY_KEYS = {
  layouts: (user: string) => `onpatrol.wallLayouts.${user}`,
  tours: (user: string) => `onpatrol.tours.${user}`,
};

type LegacyLayout = WallLayoutBody & { name: string };
type LegacyTour = TourBody & { name: string };

const isName = (x: unknown): x is string => typeof x === 'string' && x.trim().length > 0;

function isLegacyLayout(x: unknown): x is LegacyLayout {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return (
    isName(o.name) &&
    typeof o.layout === 'number' &&
    isLayout(o.layout) &&
    Array.isArray(o.cameras) &&
    o.cameras.length <= MAX_TILES &&
    o.cameras.every((c) => c === null || typeof c === 'string')
  );
}

function isLegacyTour(x: unknown): x is LegacyTour {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return (
    isName(o.name) &&
    typeof o.dwellSec === 'number' &&
    Array.isArray(o.cameraIds) &&
    o.cameraIds.every((c) => typeof c === 'string')
  );
}

export interface ViewSaver {
  saveLayout: (name: string, body: WallLayoutBody) => Promise<unknown>;
  saveTour: (name: string, body: TourBody) => Promise<unknown>;
}

/**
 * Move the layouts and tours an earlier version kept in this browser to the gateway, so the
 * officer finds them on every workstation. An item the gateway refuses (a camera since removed, a
 * full list) is dropped; when the gateway cannot be reached the items stay for the next attempt.
 * Returns how many were moved.
 */
export async function importLegacyViews(
  user: string,
  storage: KeyValueStorage | null,
  saver: ViewSaver,
): Promise<number> {
  let moved = 0;
  const move = async <T extends { name: string }>(
    key: string,
    valid: (x: unknown) => x is T,
    save: (item: T) => Promise<unknown>,
  ) => {
    const items = readList(storage, key, valid);
    for (const item of items) {
      try {
        await save(item);
        moved++;
      } catch (e) {
        if (!(e instanceof ApiError) || e.kind !== 'http' || e.status >= 500) return;
      }
    }
    storage?.removeItem(key);
  };
  await move(LEGACY_KEYS.layouts(user), isLegacyLayout, ({ name, layout, cameras }) =>
    saver.saveLayout(name.trim(), { layout, cameras }),
  );
  await move(LEGACY_KEYS.tours(user), isLegacyTour, ({ name, cameraIds, dwellSec }) =>
    saver.saveTour(name.trim(), { cameraIds, dwellSec }),
  );
  return moved;
}
