/**
 * One load at a time per key: a caller that comes while one runs gets its promise (concurrent misses
 * of one key make one store read). `forget` lets the next caller start afresh, as a write does.
 */
export function singleFlight<T>(): { run(key: string, load: () => Promise<T>): Promise<T>; forget(key: string): void } {
  const loading = new Map<string, Promise<T>>();
  return {
    run(key, load) {
      let pending = loading.get(key);
      if (!pending) {
        pending = load().finally(() => {
          if (loading.get(key) === pending) loading.delete(key);
        });
        loading.set(key, pending);
      }
      return pending;
    },
    forget: (key) => void loading.delete(key),
  };
}
