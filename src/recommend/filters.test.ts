import { describe, expect, it } from 'vitest';
import { type ArticleHeader, headerOf, parseArticle } from '../articles/article.js';
import { articleFilter, narrowsByMetadata } from './filters.js';

const NOW = new Date('2026-11-30T12:00:00Z');
const header = (id: string, extra: Record<string, unknown> = {}): ArticleHeader =>
  headerOf(parseArticle({ id, title: id, ...extra }));

describe('articleFilter: tags', () => {
  const tagged = header('tagged', { tags: ['Harbour', 'Storms'] });
  const other = header('other', { tags: ['football'] });
  const bare = header('bare');

  it('keeps articles sharing at least one tag, compared case-insensitively', () => {
    const keep = articleFilter({ tags: ['storms', 'ELECTIONS'] }, 'en', NOW);
    expect([tagged, other, bare].filter(keep).map((a) => a.id)).toEqual(['tagged']);
  });

  it('keeps every article when no tag is asked for', () => {
    const keep = articleFilter({ tags: [] }, 'en', NOW);
    expect([tagged, other, bare].filter(keep).map((a) => a.id)).toEqual([
      'tagged',
      'other',
      'bare',
    ]);
  });

  it('counts a tags filter as narrowing, so more candidates are fetched', () => {
    expect(narrowsByMetadata({ tags: ['storms'] })).toBe(true);
    expect(narrowsByMetadata({ tags: [] })).toBe(false);
  });
});
