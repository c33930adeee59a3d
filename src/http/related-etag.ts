/**
 * Caching of related lists: a short public max-age and a weak ETag that changes whenever the
 * list could change: a write to the store (the generation counter also moves on overrides), the
 * model, the query, and, for `maxAgeDays`, the hour (articles age out of the window).
 */
import { createHash } from 'node:crypto';

/** Lists may be a minute old; a stale copy may be served while revalidating for five more. */
export const RELATED_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

export interface EtagInput {
  readonly generation: number;
  readonly model: string;
  readonly id: string;
  /** The raw query string, sorted so parameter order does not matter. */
  readonly query: URLSearchParams;
  readonly now: Date;
}

/** The weak ETag of a related list. */
export function relatedEtag(input: EtagInput): string {
  const params = [...input.query.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const hash = createHash('sha256')
    .update(`${input.generation}\u0000${input.model}\u0000${input.id}\u0000`)
    .update(new URLSearchParams(params).toString());
  if (input.query.has('maxAgeDays')) {
    hash.update(`\u0000${Math.floor(input.now.getTime() / 3_600_000)}`);
  }
  return `W/"${hash.digest('base64url').slice(0, 27)}"`;
}

/** True when an If-None-Match header lists `etag` (weak comparison) or is `*`. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) {
    return false;
  }
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = bare(etag);
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === wanted);
}
