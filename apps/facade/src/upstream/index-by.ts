const indexes = new WeakMap<readonly unknown[], Map<unknown, unknown>>();

/** A lookup table over a list, built once per list object (cached lists are reused until they change). */
export function indexBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T> {
  let index = indexes.get(items) as Map<K, T> | undefined;
  if (!index) {
    index = new Map();
    for (const item of items) if (!index.has(key(item))) index.set(key(item), item);
    indexes.set(items, index);
  }
  return index;
}
