/**
 * The value remembered under `key`, made and remembered on first use. When `cache` holds
 * `maxEntries` it starts over rather than tracking use: what it remembers (SQL text per list
 * shape, parsed list queries) is cheap to make again, and a runaway of distinct keys stays bounded.
 */
export function remember<T>(cache: Map<string, T>, key: string, maxEntries: number, make: () => T): T {
  let found = cache.get(key);
  if (found === undefined) {
    found = make();
    if (cache.size >= maxEntries) cache.clear();
    cache.set(key, found);
  }
  return found;
}
