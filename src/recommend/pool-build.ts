/**
 * Building a stored article's ranked pool (related-pool.ts) with the ranking a live list uses:
 * the editor's pins scored, the candidates at or above the default threshold that are not copies
 * of the source (best first, cut at POOL_MAX), the feedback neighbours and the best candidates
 * whatever their score (the lists a write of this article can reach).
 */
import type { Overrides } from '../store/article-store.js';
import { type Candidate, hasReaderEvidence } from './candidate.js';
import { isFresher } from './dedupe.js';
import { type RankDeps, type RankSource, rankCandidates, scoreOne } from './rank.js';
import { readableReasons } from './reasons.js';
import type { PoolItem, RelatedPool } from './related-pool.js';

/** The longest list a request may ask for. */
export const MAX_LIMIT = 50;
/**
 * Every list searches candidates as a list of this length does: a pool (any limit is answered
 * from it) and a live list of any limit alike, so a list from a pool that was not cut holds
 * every candidate a live list has.
 */
export const SEARCH_LIMIT = 10;
/**
 * Pool items kept at most: room for the duplicate collapse of a list of 20-odd items. Deeper
 * lists (a `limit` the pool cannot fill once it was cut here) are computed live; 32 items keep
 * 100,000 materialised lists near 100 MB.
 */
const POOL_MAX = 32;

/** The ranked pool of stored article `id` (the caller refreshed the article cache). */
export function buildPool(
  deps: RankDeps,
  overrides: Overrides,
  id: string,
  source: RankSource,
  now: Date,
): RelatedPool {
  const { settings } = deps;
  const blocked = new Set(overrides.blocked);
  const allowId = (other: string) => other !== id && !blocked.has(other);
  const pinned = pinnedItems(deps, source, overrides.pinned, allowId, MAX_LIMIT);
  const feedback: string[] = [];
  const ranked = rankCandidates(deps, source, {}, SEARCH_LIMIT, allowId, now, feedback);
  const names = source.analyzed.names;
  // Best first; the shared terms are worked out only until the pool is full (and one more).
  const relevant: Candidate[] = [];
  const keep = keepOnceEach(deps, relevant);
  for (const c of ranked) {
    if (c.score < settings.minScore || relevant.length > POOL_MAX) {
      break;
    }
    if (!c.copyOfSource && hasReaderEvidence(c, names, source.fields.language)) {
      keep(c);
    }
  }
  const toEntry = (c: Candidate): PoolItem => ({
    id: c.article.id,
    score: c.score,
    reasons: readableReasons(
      c.shared(),
      source.analyzed.surfaces,
      settings.reasons,
      source.fields.language,
    ),
  });
  const { title, language, publishedAt } = source.fields;
  return {
    source: { id, title, language, publishedAt },
    pinned: pinned.map(toEntry),
    items: relevant.slice(0, POOL_MAX).map(toEntry),
    capped: relevant.length > POOL_MAX,
    feedback,
    near: ranked.slice(0, settings.nearLists).map((c) => c.article.id),
  };
}

/**
 * Adds candidates (best first) to `kept`, each exact copy once: an article stored under several
 * ids (a wire story syndicated word for word) takes one place in the pool, not one per id, so
 * the pool holds as many stories as it has places. Of exact copies the fresher is kept, in the
 * place of the first, as the request-time duplicate collapse would (it would merge them anyway:
 * equal vectors and equal words), so a list made from the pool is the same.
 */
function keepOnceEach(deps: RankDeps, kept: Candidate[]): (candidate: Candidate) => void {
  const byEvidence = new Map<string, number>();
  return (candidate) => {
    const key = `${candidate.cosine}/${candidate.lexical}/${candidate.article.title}`;
    const at = byEvidence.get(key);
    const other = at === undefined ? undefined : kept[at];
    if (at === undefined || other === undefined || !sameVector(deps, other, candidate)) {
      byEvidence.set(key, kept.length);
      kept.push(candidate);
    } else if (isFresher(candidate, other)) {
      kept[at] = candidate;
    }
  };
}

function sameVector(deps: RankDeps, a: Candidate, b: Candidate): boolean {
  const va = deps.cache.vector(a.article.id)?.vector;
  const vb = deps.cache.vector(b.article.id)?.vector;
  return va !== undefined && vb !== undefined && va.every((value, d) => value === vb[d]);
}

/** Editor pins in their order: missing, deleted, blocked and excluded ids are skipped. */
export function pinnedItems(
  deps: RankDeps,
  source: RankSource,
  pinned: readonly string[],
  allowId: (id: string) => boolean,
  limit: number,
): Candidate[] {
  const ids = [...new Set(pinned)].filter(allowId);
  const articles = deps.cache.headers(ids);
  const found: Candidate[] = [];
  for (const id of ids) {
    const candidate = articles.has(id) ? scoreOne(deps, source, id) : undefined;
    if (candidate && found.length < limit) {
      found.push(candidate);
    }
  }
  return found;
}
