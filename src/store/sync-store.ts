/**
 * The stores held on this machine (SQLite through better-sqlite3, the memory store) are
 * synchronous underneath: `SyncArticleStore` is that shape, and `asyncStore` turns one into the
 * asynchronous ArticleStore role (a failure becomes a rejected promise), with `onChange` polling
 * the generation at most every 100 ms while anyone listens, and the synchronous reads kept as
 * `local` for the related path.
 */
import type { Article, ArticleHeader } from '../articles/article.js';
import type { TermWeights } from '../lexical/term-weights.js';
import type {
  ArticleRecord,
  LocalArticleStore,
  Overrides,
  ScannedArticle,
  ScanOptions,
  StoreChanges,
  UpsertResult,
  VectorModel,
} from './article-store.js';

/** How often, at most, `onChange` reads the generation. */
export const GENERATION_PERIOD_MS = 100;

/** The ArticleStore role, synchronous: see article-store.ts for each method. */
export interface SyncArticleStore {
  get(id: string): Article | undefined;
  getMany(ids: readonly string[]): Map<string, Article>;
  getHeaders(ids: readonly string[]): Map<string, ArticleHeader>;
  getVector(id: string): Float32Array | undefined;
  getTerms(id: string): TermWeights | undefined;
  textHashes(ids: readonly string[]): Map<string, string>;
  upsertMany(records: readonly ArticleRecord[]): UpsertResult;
  delete(id: string): boolean;
  count(): number;
  vectors(): Iterable<{ id: string; vector: Float32Array }>;
  articles(): Iterable<Article>;
  terms(): Iterable<{ id: string; terms: TermWeights }>;
  scan(options: ScanOptions): Iterable<ScannedArticle>;
  overrides(): Iterable<{ id: string; overrides: Overrides }>;
  searchTitles(query: string, limit: number): Article[];
  getOverrides(id: string): Overrides;
  setOverrides(id: string, overrides: Overrides): void;
  vectorModel(): VectorModel | undefined;
  claimVectorModel(model: VectorModel): void;
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
  generation(): number;
  changesSince(generation: number): StoreChanges | undefined;
  replaceVectors(model: VectorModel, vectors: ReadonlyMap<string, Float32Array>): void;
  backup?(to: string): Promise<void>;
  close(): void;
}

/** Rows of a whole-store iteration handed over between two turns of the event loop. */
const PAGE = 256;

/** `core` as the asynchronous role. */
export function asyncStore(
  core: SyncArticleStore,
  periodMs = GENERATION_PERIOD_MS,
): LocalArticleStore {
  const call =
    <A extends unknown[], R>(method: (...args: A) => R) =>
    (...args: A): Promise<R> => {
      try {
        return Promise.resolve(method(...args));
      } catch (error) {
        return Promise.reject(error);
      }
    };
  const watch = watchGeneration(() => core.generation(), periodMs);
  const backup = core.backup;
  return {
    local: { get: (id) => core.get(id), getTerms: (id) => core.getTerms(id) },
    get: call((id: string) => core.get(id)),
    getMany: call((ids: readonly string[]) => core.getMany(ids)),
    getHeaders: call((ids: readonly string[]) => core.getHeaders(ids)),
    getVector: call((id: string) => core.getVector(id)),
    getTerms: call((id: string) => core.getTerms(id)),
    textHashes: call((ids: readonly string[]) => core.textHashes(ids)),
    upsertMany: call((records: readonly ArticleRecord[]) => core.upsertMany(records)),
    delete: call((id: string) => core.delete(id)),
    count: call(() => core.count()),
    vectors: () => paged(() => core.vectors()),
    articles: () => paged(() => core.articles()),
    terms: () => paged(() => core.terms()),
    scan: (options) => pagesOf(() => core.scan(options)),
    overrides: () => paged(() => core.overrides()),
    searchTitles: call((query: string, limit: number) => core.searchTitles(query, limit)),
    getOverrides: call((id: string) => core.getOverrides(id)),
    setOverrides: call((id: string, overrides: Overrides) => core.setOverrides(id, overrides)),
    vectorModel: call(() => core.vectorModel()),
    claimVectorModel: call((model: VectorModel) => core.claimVectorModel(model)),
    getMeta: call((key: string) => core.getMeta(key)),
    setMeta: call((key: string, value: string) => core.setMeta(key, value)),
    generation: call(() => core.generation()),
    changesSince: call((generation: number) => core.changesSince(generation)),
    replaceVectors: call((model: VectorModel, vectors: ReadonlyMap<string, Float32Array>) =>
      core.replaceVectors(model, vectors),
    ),
    ...(backup ? { backup: (to: string) => backup.call(core, to) } : {}),
    onChange: (listener) => watch.add(listener),
    close: call(() => {
      watch.stop();
      core.close();
    }),
  };
}

/**
 * A synchronous iteration read in pages, each page read at once: no cursor stays open while the
 * consumer awaits (another statement on the connection may run in between).
 */
async function* paged<T>(open: () => Iterable<T>): AsyncGenerator<T> {
  for await (const page of pagesOf(open)) {
    yield* page;
  }
}

/** `paged`, handing over whole pages. */
async function* pagesOf<T>(open: () => Iterable<T>): AsyncGenerator<T[]> {
  const iterator = open()[Symbol.iterator]();
  try {
    for (;;) {
      const page: T[] = [];
      let next = iterator.next();
      while (!next.done) {
        page.push(next.value);
        if (page.length >= PAGE) {
          break;
        }
        next = iterator.next();
      }
      yield page;
      if (next.done) {
        return;
      }
    }
  } finally {
    iterator.return?.();
  }
}

/** Calls the listeners when `read()` moves; reads it every `periodMs` while any listens. */
function watchGeneration(read: () => number, periodMs: number) {
  const listeners = new Set<() => void>();
  let timer: NodeJS.Timeout | undefined;
  let seen: number | undefined;
  let stopped = false;
  const tick = () => {
    let now: number;
    try {
      now = read();
    } catch {
      return; // A closed or unreachable store: nothing to report; the next tick tries again.
    }
    if (seen !== undefined && now !== seen) {
      for (const listener of [...listeners]) {
        listener();
      }
    }
    seen = now;
  };
  return {
    add(listener: () => void): () => void {
      listeners.add(listener);
      if (!timer && !stopped) {
        tick();
        timer = setInterval(tick, periodMs);
        timer.unref();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer) {
          clearInterval(timer);
          timer = undefined;
          seen = undefined;
        }
      };
    },
    stop() {
      stopped = true;
      clearInterval(timer);
      timer = undefined;
    },
  };
}
