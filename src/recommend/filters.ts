/**
 * Request filters of a related list: language (the source's by default), sections and
 * excludeSections (case-insensitive), tags (at least one shared, case-insensitive), excludeIds and
 * maxAgeDays (relative to an injectable now).
 */
import type { ArticleHeader } from './article-cache.js';
import type { RelatedOptions } from './types.js';

const DAY_MS = 86_400_000;

/** The primary language subtag: `en-GB` and `en` are both English. */
export function primaryLanguage(language: string | undefined): string {
  return (language ?? 'en').toLowerCase().split('-')[0] ?? 'en';
}

/** A predicate that keeps the candidates a request allows. */
export function articleFilter(
  options: RelatedOptions,
  sourceLanguage: string | undefined,
  now: Date,
): (article: ArticleHeader) => boolean {
  const language = primaryLanguage(sourceLanguage);
  const sections = lowerSet(options.sections);
  const excluded = lowerSet(options.excludeSections);
  const tags = lowerSet(options.tags);
  const oldest =
    options.maxAgeDays === undefined ? undefined : now.getTime() - options.maxAgeDays * DAY_MS;
  return (article) => {
    if (primaryLanguage(article.language) !== language) {
      return false;
    }
    const section = article.section?.toLowerCase();
    if (sections && (section === undefined || !sections.has(section))) {
      return false;
    }
    if (excluded && section !== undefined && excluded.has(section)) {
      return false;
    }
    if (tags && !article.tags?.some((tag) => tags.has(tag.toLowerCase()))) {
      return false;
    }
    if (oldest !== undefined) {
      const published = article.publishedAt ? Date.parse(article.publishedAt) : Number.NaN;
      return !Number.isNaN(published) && published >= oldest;
    }
    return true;
  };
}

/** True when the request narrows candidates by their metadata (worth fetching more of them). */
export function narrowsByMetadata(options: RelatedOptions): boolean {
  return (
    (options.sections?.length ?? 0) > 0 ||
    (options.tags?.length ?? 0) > 0 ||
    options.maxAgeDays !== undefined
  );
}

function lowerSet(values: readonly string[] | undefined): Set<string> | undefined {
  if (!values || values.length === 0) {
    return undefined;
  }
  return new Set(values.map((value) => value.trim().toLowerCase()).filter((v) => v.length > 0));
}
