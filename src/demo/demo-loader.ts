/**
 * The demo corpus: at `serve`, an empty store is filled with the bundled articles
 * (src/demo/articles.jsonl, written for this project) so a fresh clone answers real related lists
 * at once. A store that holds anything is never touched; MORELIKE_DEMO=false turns it off.
 */
import { readFile } from 'node:fs/promises';
import { type Article, parseArticleItem } from '../articles/article.js';
import type { IngestService } from '../recommend/types.js';
import type { ArticleStore } from '../store/article-store.js';

/** The bundled corpus, beside this module. */
export const DEMO_CORPUS = new URL('./articles.jsonl', import.meta.url);

/** Articles embedded per ingest call while loading. */
const CHUNK = 64;

export interface DemoLoadResult {
  /** Articles stored. */
  readonly loaded: number;
  /** Lines that were not valid articles (a bug in the corpus; reported, not fatal). */
  readonly rejected: number;
  /** Why nothing was loaded, when nothing was. */
  readonly skipped?: 'store-not-empty' | 'corpus-missing';
}

/** Parses JSONL text into valid articles and the count of bad lines. */
export function parseCorpus(text: string): { articles: Article[]; rejected: number } {
  const articles: Article[] = [];
  let rejected = 0;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') {
      continue;
    }
    let parsed: ReturnType<typeof parseArticleItem>;
    try {
      parsed = parseArticleItem(JSON.parse(line));
    } catch {
      rejected += 1;
      continue;
    }
    if (parsed.ok) {
      articles.push(parsed.article);
    } else {
      rejected += 1;
    }
  }
  return { articles, rejected };
}

/** Loads the corpus at `path` into the store when, and only when, the store is empty. */
export async function loadDemoCorpus(
  deps: { readonly store: ArticleStore; readonly ingest: IngestService },
  path: URL | string = DEMO_CORPUS,
): Promise<DemoLoadResult> {
  if ((await deps.store.count()) > 0) {
    return { loaded: 0, rejected: 0, skipped: 'store-not-empty' };
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { loaded: 0, rejected: 0, skipped: 'corpus-missing' };
  }
  const { articles, rejected } = parseCorpus(text);
  for (let start = 0; start < articles.length; start += CHUNK) {
    await deps.ingest.upsert(articles.slice(start, start + CHUNK));
  }
  return { loaded: articles.length, rejected };
}
