import { browserStorage, type KeyValueStorage, namedList } from '../wall/namedList';
import { MAX_DWELL_SEC, MIN_DWELL_SEC, type Tour } from './tourPaging';

function isTour(x: unknown): x is Tour {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return (
    typeof o.name === 'string' &&
    o.name.length > 0 &&
    typeof o.dwellSec === 'number' &&
    o.dwellSec >= MIN_DWELL_SEC &&
    o.dwellSec <= MAX_DWELL_SEC &&
    Array.isArray(o.cameraIds) &&
    o.cameraIds.every((c) => typeof c === 'string')
  );
}

/** Tours per user, in localStorage (`onpatrol.tours.<username>`) until the gateway stores them. */
export const savedTours = (storage: () => KeyValueStorage | null = browserStorage) =>
  namedList(storage, 'onpatrol.tours', isTour);
