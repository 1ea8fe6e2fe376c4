/** The part of Web Storage we use (localStorage in the app, a Map in tests). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * The items of a JSON array kept in Web Storage under `key`, checked one by one: whatever another
 * version of the app left there that does not pass `valid` is dropped, never fatal.
 */
export function readList<T>(
  storage: KeyValueStorage | null,
  key: string,
  valid: (x: unknown) => x is T,
): T[] {
  const raw = storage?.getItem(key);
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter(valid) : [];
  } catch {
    return [];
  }
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
