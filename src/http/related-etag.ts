/**
 * Caching of related lists: a short public max-age, and a weak ETag taken from the list's answer
 * itself (a hash of the response body), so a write leaves the ETags of the lists it did not
 * change alone and a CDN's revalidation of them keeps getting 304. Rendered answers are kept by
 * list version (materialised-lists.ts) and query, so a page view of an unchanged list sends a
 * ready body.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/** Lists may be a minute old; a stale copy may be served while revalidating for five more. */
export const RELATED_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

/** A rendered answer: the JSON body and its ETag. */
export interface RenderedList {
  readonly body: string;
  readonly etag: string;
}

/** The weak ETag of a response body. */
export function bodyEtag(body: string): string {
  return `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** The body and ETag of `list`. */
export function renderList(list: unknown): RenderedList {
  const body = JSON.stringify(list);
  return { body, etag: bodyEtag(body) };
}

/**
 * The key of a rendered answer: list, list version and the query string `search` (without the
 * `?`; its parameters sorted, so their order does not matter), plus the hour for `maxAgeDays`
 * (articles age out of the window).
 */
export function answerKey(id: string, version: number, search: string, now: Date): string {
  if (search === '') {
    return `${id}\u0000${version}\u0000\u0000`;
  }
  const query = new URLSearchParams(search);
  const params = [...query.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const hour = query.has('maxAgeDays') ? Math.floor(now.getTime() / 3_600_000) : '';
  return `${id}\u0000${version}\u0000${new URLSearchParams(params).toString()}\u0000${hour}`;
}

/** The query string of `url` without its `?` ('' when there is none). */
export function searchOf(url: string): string {
  const at = url.indexOf('?');
  return at < 0 ? '' : url.slice(at + 1);
}

/** A bounded cache of rendered answers with options (about 2 KB each). */
export function createAnswerCache(max = 5_000): LRUCache<string, RenderedList> {
  return new LRUCache<string, RenderedList>({ max });
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
