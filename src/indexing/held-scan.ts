/**
 * Held articles read by a whole-store scan, kept as the JSON text the store handed over and
 * parsed only when read, as the held articles snapshot keeps them: a new server does not parse
 * every article (and every article's terms as an object) to hold an archive it reads a few
 * articles of per list. Saved to the held articles snapshot as it is.
 */
import type { Article } from '../articles/article.js';
import { AppError } from '../errors.js';
import type { TermWeights } from '../lexical/term-weights.js';
import type { ScannedArticle } from '../store/article-store.js';
import type { PackedArticles } from './held-snapshot.js';

/** Scanned articles being collected, and the PackedArticles over them. */
export interface ScannedHeld {
  /** Keeps `row` (its `json` must have been read). */
  add(row: ScannedArticle): void;
  readonly packed: PackedArticles;
}

/** An empty collection reflecting store `generation` once every row is added. */
export function createScannedHeld(generation: number): ScannedHeld {
  const texts = new Map<string, readonly [article: string, terms: string]>();
  const read = (id: string, part: 0 | 1): unknown => {
    const text = texts.get(id)?.[part];
    return text === undefined ? undefined : JSON.parse(text);
  };
  return {
    add(row) {
      if (row.json === undefined) {
        throw new AppError('INTERNAL_ERROR', `The scan of ${row.id} did not read the article`);
      }
      texts.set(row.id, [row.json, row.terms]);
    },
    packed: {
      generation,
      has: (id) => texts.has(id),
      article: (id) => read(id, 0) as Article | undefined,
      terms: (id) => read(id, 1) as TermWeights | undefined,
      *entries() {
        for (const [id, [article, terms]] of texts) {
          yield [id, Buffer.from(article), Buffer.from(terms)] as const;
        }
      },
    },
  };
}
