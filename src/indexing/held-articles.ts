/**
 * HeldArticles: what the related path reads of stored articles, from memory, synchronously: no
 * request waits on the store. Overrides are always held (few, small). Articles and their terms
 * are read from the store's synchronous local reads when the store lives on this machine
 * (SQLite: an indexed read, as fast as a map), and held in maps otherwise (a database server).
 * Held articles come from their snapshot when there is one the change log still reaches (each
 * article parsed only when read), else from the store. Its generation is the one the indexes
 * reflect, and it keeps the recent change log in memory, so caches and lists catch up without
 * asking the store.
 */
import { type Article, type ArticleHeader, headerOf } from '../articles/article.js';
import type { TermWeights } from '../lexical/term-weights.js';
import type { HeldArticles } from '../recommend/types.js';
import type { ArticleStore, LocalReads, Overrides, StoreChanges } from '../store/article-store.js';
import type { HeldWrites } from './catch-up.js';
import { fromSnapshot, fromStore, type HeldOptions, savePlan } from './held-load.js';
import type { PackedArticles } from './held-snapshot.js';

export type { HeldOptions } from './held-load.js';

/** Catch-ups remembered for `changesSince`; older generations answer undefined (rebuild). */
const LOG_KEEP = 10_000;

const NO_OVERRIDES: Overrides = Object.freeze({ pinned: [], blocked: [] });

/** The held articles with the writes a catch-up makes. */
export interface HeldArticlesState extends HeldArticles, HeldWrites {
  /**
   * Reads what is held from the store (at `generation`, which the caller has read before), or
   * takes the articles of a scan made since (`scanned`).
   */
  load(store: ArticleStore, generation: number, scanned?: PackedArticles): Promise<void>;
  /** Remembers `changes` (read from the store after `since`) for `changesSince`. */
  seed(since: number, changes: StoreChanges): void;
  /**
   * Saves the held articles' snapshot at the generation reached (when they are held), in a
   * thread of its own: what changed since the loaded snapshot is encoded here, the rest copied.
   */
  save(): Promise<void>;
  /** Begins reading the held articles' snapshot (when they are held) for the next `load`. */
  prefetch(): void;
}

/** Held articles over `local` reads when given, else held in full. */
export function createHeldArticles(
  local: LocalReads | undefined,
  options: HeldOptions = {},
): HeldArticlesState {
  // Replaced whole by `load`, so reads go on from the old ones while it reads the new.
  let articles = new Map<string, Article>();
  let terms = new Map<string, TermWeights>();
  let overrides = new Map<string, Overrides>();
  // Articles from the snapshot (the maps above hold those changed since, `gone` those removed).
  let packed: PackedArticles | undefined;
  let gone = new Set<string>();
  const inPacked = (id: string) => packed !== undefined && !gone.has(id) && packed.has(id);
  const heldArticle = (id: string) =>
    articles.get(id) ?? (inPacked(id) ? packed?.article(id) : undefined);
  let log: StoreChanges[] = [];
  let base = 0;
  let generation = 0;

  return {
    holdsArticles: local === undefined,
    get: (id) => (local ? local.get(id) : heldArticle(id)),
    getHeaders(ids) {
      const found = new Map<string, ArticleHeader>();
      for (const id of ids) {
        const article = local ? local.get(id) : heldArticle(id);
        if (article) {
          found.set(id, headerOf(article));
        }
      }
      return found;
    },
    getTerms: (id) =>
      local
        ? local.getTerms(id)
        : (terms.get(id) ?? (inPacked(id) ? packed?.terms(id) : undefined)),
    getOverrides: (id) => overrides.get(id) ?? NO_OVERRIDES,
    generation: () => generation,
    changesSince(since) {
      if (since < base || since > generation) {
        return undefined;
      }
      const recent = log.filter((c) => c.generation > since);
      const articleIds = new Set(recent.flatMap((c) => c.articleIds));
      const overrideIds = new Set(recent.flatMap((c) => c.overrideIds ?? []));
      return { generation, articleIds: [...articleIds], overrideIds: [...overrideIds] };
    },
    put(id, article, weights) {
      articles.set(id, article);
      terms.set(id, weights);
    },
    remove(id) {
      articles.delete(id);
      terms.delete(id);
      overrides.delete(id);
      gone.add(id);
    },
    setOverrides(id, value) {
      if (value.pinned.length === 0 && value.blocked.length === 0) {
        overrides.delete(id);
      } else {
        overrides.set(id, value);
      }
    },
    advance(changes) {
      log.push(changes);
      if (log.length > LOG_KEEP) {
        base = log[0]?.generation ?? base;
        log = log.slice(1);
      }
      generation = changes.generation;
    },
    seed(since, changes) {
      if (changes.generation === generation && since < base) {
        log = [changes, ...log.filter((c) => c.generation > changes.generation)];
        base = since;
      }
    },
    prefetch() {
      if (!local) {
        options.snapshots?.prefetch();
      }
    },
    async save() {
      if (!local) {
        await options.snapshots?.save(savePlan(articles, terms, packed, gone), generation);
      }
    },
    async load(store, at, scanned) {
      // Read beside what is held (a rebuild's old indexes still serve meanwhile), then swapped in.
      const next = {
        articles: new Map<string, Article>(),
        terms: new Map<string, TermWeights>(),
        overrides: new Map<string, Overrides>(),
        gone: new Set<string>(),
      };
      for await (const entry of store.overrides()) {
        next.overrides.set(entry.id, entry.overrides);
      }
      const nextPacked = local
        ? undefined
        : (scanned ??
          (await fromSnapshot(store, options, {
            put: (id, article, weights) => {
              next.articles.set(id, article);
              next.terms.set(id, weights);
            },
            remove: (id) => next.gone.add(id),
          })) ??
          (await fromStore(store, at)));
      ({ articles, terms, overrides, gone } = next);
      packed = nextPacked;
      log = [];
      base = at;
      generation = at;
    },
  };
}
