/**
 * Opening the lexical index at start: restore the snapshot, catch it up with the store's change
 * log, and check it against the store's article count; when any of that fails (no file, a torn
 * or other-version file, a log that no longer reaches back, a count that differs) build it from
 * every stored article's terms as before. Every decision is logged with its reason; a new, empty
 * data folder logs `lexical: new, empty`.
 */
import { runSteps, type Steps } from '../steps.js';
import type { ArticleStore } from '../store/article-store.js';
import type { LexicalSnapshots } from './lexical-snapshot.js';
import { createLexicalIndex, type MemoryLexicalIndex } from './memory-lexical-index.js';

export interface LexicalOpenDeps {
  readonly store: ArticleStore;
  /** Where the snapshot lives; without it the index is built from the store, silently. */
  readonly snapshots: LexicalSnapshots | undefined;
  /** One line per decision, e.g. `lexical: loaded snapshot of 100000 articles ...`. */
  readonly log: (message: string) => void;
}

/** The lexical index reflecting the store now: from the snapshot when it fits, else rebuilt. */
export function openLexicalIndex(deps: LexicalOpenDeps): MemoryLexicalIndex {
  return runSteps(openLexicalSteps(deps));
}

/** `openLexicalIndex` as steps that yield while it builds (see steps.ts). */
export function* openLexicalSteps(deps: LexicalOpenDeps): Steps<MemoryLexicalIndex> {
  const { store, snapshots, log } = deps;
  if (!snapshots) {
    return yield* buildSteps(store);
  }
  const loaded = snapshots.load();
  if (!loaded.ok && store.count() === 0 && store.generation() === 0) {
    log('lexical: new, empty');
    return createLexicalIndex();
  }
  if (!loaded.ok) {
    return yield* rebuild(deps, loaded.reason);
  }
  if (loaded.generation > store.generation()) {
    return yield* rebuild(
      deps,
      `the lexical snapshot (generation ${loaded.generation}) is newer than the store (generation ${store.generation()})`,
    );
  }
  const changes = store.changesSince(loaded.generation);
  if (!changes) {
    return yield* rebuild(deps, 'the change log no longer reaches back to the lexical snapshot');
  }
  const { index } = loaded;
  const saved = index.size();
  for (const id of changes.articleIds) {
    const terms = store.getTerms(id);
    if (terms) {
      index.upsert(id, terms);
    } else {
      index.remove(id);
    }
  }
  const stored = store.count();
  if (index.size() !== stored) {
    return yield* rebuild(
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

/** A lexical index of every stored article's terms. */
export function buildLexicalIndex(store: ArticleStore): MemoryLexicalIndex {
  return runSteps(buildSteps(store));
}

/** Articles indexed between two yields of a build. */
const STEP = 256;

function* buildSteps(store: ArticleStore): Steps<MemoryLexicalIndex> {
  const index = createLexicalIndex();
  let added = 0;
  for (const { id, terms } of store.terms()) {
    index.upsert(id, terms);
    added += 1;
    if (added % STEP === 0) {
      yield;
    }
  }
  return index;
}

function* rebuild(deps: LexicalOpenDeps, reason: string): Steps<MemoryLexicalIndex> {
  const started = Date.now();
  const index = yield* buildSteps(deps.store);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  deps.log(
    `lexical: built ${index.size()} articles from the store in ${seconds} s because ${reason}`,
  );
  return index;
}
