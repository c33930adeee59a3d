/**
 * Opening the lexical index at start: restore the snapshot, catch it up with the store's change
 * log, and check it against the store's article count; when any of that fails (no file, a torn
 * or other-version file, a log that no longer reaches back, a count that differs) build it from
 * every stored article's terms as before. Every decision is logged with its reason; a new, empty
 * data folder logs `lexical: new, empty`.
 */
import type { LexicalSnapshots } from '../lexical/lexical-snapshot.js';
import { createLexicalIndex, type MemoryLexicalIndex } from '../lexical/memory-lexical-index.js';
import type { ArticleStore } from '../store/article-store.js';
import { pacer } from './pause.js';

export interface LexicalOpenDeps {
  readonly store: ArticleStore;
  /** Where the snapshot lives; without it the index is built from the store, silently. */
  readonly snapshots: LexicalSnapshots | undefined;
  /** One line per decision, e.g. `lexical: loaded snapshot of 100000 articles ...`. */
  readonly log: (message: string) => void;
}

/** The lexical index reflecting the store now: from the snapshot when it fits, else rebuilt. */
export async function openLexicalIndex(deps: LexicalOpenDeps): Promise<MemoryLexicalIndex> {
  const { store, snapshots, log } = deps;
  if (!snapshots) {
    return buildLexicalIndex(store);
  }
  const loaded = snapshots.load();
  if (!loaded.ok && (await store.count()) === 0 && (await store.generation()) === 0) {
    log('lexical: new, empty');
    return createLexicalIndex();
  }
  if (!loaded.ok) {
    return rebuild(deps, loaded.reason);
  }
  const generation = await store.generation();
  if (loaded.generation > generation) {
    return rebuild(
      deps,
      `the lexical snapshot (generation ${loaded.generation}) is newer than the store (generation ${generation})`,
    );
  }
  const changes = await store.changesSince(loaded.generation);
  if (!changes) {
    return rebuild(deps, 'the change log no longer reaches back to the lexical snapshot');
  }
  const { index } = loaded;
  const saved = index.size();
  for (const id of changes.articleIds) {
    const terms = await store.getTerms(id);
    if (terms) {
      index.upsert(id, terms);
    } else {
      index.remove(id);
    }
  }
  const stored = await store.count();
  if (index.size() !== stored) {
    return rebuild(
      deps,
      `the lexical snapshot holds ${index.size()} articles and the store ${stored}`,
    );
  }
  const behind = changes.articleIds.length;
  log(
    `lexical: loaded snapshot of ${saved} articles (generation ${loaded.generation})` +
      (behind > 0 ? `, caught up ${behind} changed articles` : ''),
  );
  return index;
}

/** A lexical index of every stored article's terms, read as text (pausing now and then). */
export async function buildLexicalIndex(store: ArticleStore): Promise<MemoryLexicalIndex> {
  const index = createLexicalIndex();
  const pace = pacer();
  for await (const page of store.scan({ articles: false })) {
    for (const { id, terms } of page) {
      index.upsertText(id, terms);
      await pace();
    }
  }
  return index;
}

async function rebuild(deps: LexicalOpenDeps, reason: string): Promise<MemoryLexicalIndex> {
  const started = Date.now();
  const index = await buildLexicalIndex(deps.store);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  deps.log(
    `lexical: built ${index.size()} articles from the store in ${seconds} s because ${reason}`,
  );
  return index;
}
