/**
 * A store as a database server's would be for the indexing room: no local reads (the room then
 * holds the articles itself), with every method call counted, so a test can tell what was read.
 */
import type { ArticleStore } from '../../src/store/article-store.js';

/** Method calls by name (`name` may tell calls of one method apart by their arguments). */
export interface CountedStore {
  readonly store: ArticleStore;
  readonly calls: Map<string, number>;
}

/** `store` without its local reads, every method call counted under `name(method, args)`. */
export function countedServerStore(
  store: ArticleStore,
  name: (method: string, args: unknown[]) => string = (method) => method,
): CountedStore {
  const { local: _local, ...remote } = store as ArticleStore & { local?: unknown };
  const calls = new Map<string, number>();
  const counted = new Proxy(remote, {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (typeof value !== 'function') {
        return value;
      }
      return (...args: unknown[]) => {
        const called = name(String(key), args);
        calls.set(called, (calls.get(called) ?? 0) + 1);
        return value.apply(target, args);
      };
    },
  });
  return { store: counted, calls };
}
