/**
 * Coalesces the single-row reads of one turn of the event loop into one query: the worker dispatches the jobs of a
 * claim together, and each starts by reading its row; one `= any($1)` select serves them all. `loadMany` gets the
 * distinct keys and returns the rows it found by key; a key without a row resolves to undefined.
 */
export function coalesce<K, V>(loadMany: (keys: K[]) => Promise<Map<K, V>>): (key: K) => Promise<V | undefined> {
  let pending: Map<K, { resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[]> | null = null;
  const flush = (batch: NonNullable<typeof pending>) => {
    loadMany([...batch.keys()]).then(
      (found) => {
        for (const [key, waiters] of batch) for (const w of waiters) w.resolve(found.get(key));
      },
      (err: unknown) => {
        for (const waiters of batch.values()) for (const w of waiters) w.reject(err);
      },
    );
  };
  return (key) =>
    new Promise<V | undefined>((resolve, reject) => {
      if (!pending) {
        const batch = (pending = new Map());
        setImmediate(() => {
          pending = null;
          flush(batch);
        });
      }
      const waiters = pending.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else pending.set(key, [{ resolve, reject }]);
    });
}

/** `coalesce` per connection pool (each App has its own): `read(pool, key)`. */
export function coalescePerPool<P extends object, K, V>(
  loadMany: (pool: P, keys: K[]) => Promise<Map<K, V>>,
): (pool: P, key: K) => Promise<V | undefined> {
  const byPool = new WeakMap<P, (key: K) => Promise<V | undefined>>();
  return (pool, key) => {
    let read = byPool.get(pool);
    if (!read) byPool.set(pool, (read = coalesce((keys) => loadMany(pool, keys))));
    return read(key);
  };
}
