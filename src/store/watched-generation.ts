/**
 * A store whose `generation()` is read from the store at most once per period: every read of a
 * related list checks the generation (to catch up with other processes' writes), and a page view
 * should not cost a database read. A write through this store makes the next `generation()` read
 * the store again, so this process sees its own writes at once; another process's writes are
 * seen within one period (the contract allows a second).
 */
import type { ArticleStore } from './article-store.js';

/** How often, at most, the store's generation is read while no write of ours intervenes. */
export const GENERATION_PERIOD_MS = 100;

/** The methods that write (after any of them the generation is read again). */
const WRITES: ReadonlySet<PropertyKey> = new Set<keyof ArticleStore>([
  'upsertMany',
  'delete',
  'setOverrides',
  'claimVectorModel',
  'setMeta',
  'replaceVectors',
  'close',
]);

/** `store` with its generation read at most once per `periodMs` between writes of its own. */
export function withWatchedGeneration(
  store: ArticleStore,
  periodMs = GENERATION_PERIOD_MS,
): ArticleStore {
  let cached = 0;
  let readAt = Number.NEGATIVE_INFINITY;
  const generation = () => {
    const now = performance.now();
    if (now - readAt >= periodMs) {
      cached = store.generation();
      readAt = now;
    }
    return cached;
  };
  const methods = new Map<PropertyKey, unknown>([['generation', generation]]);
  return new Proxy(store, {
    get(target, key) {
      const known = methods.get(key);
      if (known !== undefined) {
        return known;
      }
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== 'function') {
        return value;
      }
      const method = WRITES.has(key)
        ? (...args: unknown[]) => {
            readAt = Number.NEGATIVE_INFINITY;
            try {
              return value.apply(target, args);
            } finally {
              readAt = Number.NEGATIVE_INFINITY;
            }
          }
        : value.bind(target);
      methods.set(key, method);
      return method;
    },
  });
}
