import { isLayout, type Layout, MAX_TILES } from './layout';
import { browserStorage, type KeyValueStorage, namedList } from './namedList';

/** A wall arrangement saved under a name: the layout and the camera of every slot. */
export interface NamedLayout {
  name: string;
  layout: Layout;
  cameras: Array<string | null>;
}

function isNamedLayout(x: unknown): x is NamedLayout {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return (
    typeof o.name === 'string' &&
    o.name.length > 0 &&
    typeof o.layout === 'number' &&
    isLayout(o.layout) &&
    Array.isArray(o.cameras) &&
    o.cameras.length <= MAX_TILES &&
    o.cameras.every((c) => c === null || typeof c === 'string')
  );
}

/**
 * Named layouts per user, in localStorage (`onpatrol.wallLayouts.<username>`) until the gateway
 * has a route for them.
 */
export const savedLayouts = (storage: () => KeyValueStorage | null = browserStorage) =>
  namedList(storage, 'onpatrol.wallLayouts', isNamedLayout);
