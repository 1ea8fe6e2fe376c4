/** The part of Web Storage we use (localStorage in the app, a Map in tests). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface NamedList<T extends { name: string }> {
  list: (user: string) => T[];
  /** Add or replace (by name); returns the new list. */
  save: (user: string, item: T) => T[];
  remove: (user: string, name: string) => T[];
}

/**
 * A per-user list of named items in Web Storage (`<prefix>.<username>`), sorted by name. Whatever
 * another version of the app left there is checked item by item: a bad item is dropped, not fatal.
 */
export function namedList<T extends { name: string }>(
  storage: () => KeyValueStorage | null,
  prefix: string,
  valid: (x: unknown) => x is T,
): NamedList<T> {
  const key = (user: string) => `${prefix}.${user}`;
  const read = (user: string): T[] => {
    const raw = storage()?.getItem(key(user));
    if (!raw) return [];
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed) ? parsed.filter(valid) : [];
    } catch {
      return [];
    }
  };
  const write = (user: string, items: T[]) => {
    const sorted = [...items].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    try {
      storage()?.setItem(key(user), JSON.stringify(sorted));
    } catch {
      // storage full or disabled: the list lives for this page only, as returned
    }
    return sorted;
  };
  return {
    list: read,
    save: (user, item) => write(user, [...read(user).filter((x) => x.name !== item.name), item]),
    remove: (user, name) =>
      write(
        user,
        read(user).filter((x) => x.name !== name),
      ),
  };
}

/** localStorage when the page has one (not in node tests, not when disabled by policy). */
export function browserStorage(): KeyValueStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** A Map-backed storage for tests. */
export function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}
