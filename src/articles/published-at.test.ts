import { describe, expect, it } from 'vitest';
import { parseArticle } from './article.js';
import { normalisePublishedAt, PUBLISHED_AT_RULE } from './published-at.js';

describe('normalisePublishedAt', () => {
  it.each([
    ['2026-11-30', '2026-11-30T00:00:00Z'],
    ['2026-11-30T10:00:00', '2026-11-30T10:00:00Z'],
    ['2026-11-30T10:00', '2026-11-30T10:00:00Z'],
    ['2026-11-30 10:00:00Z', '2026-11-30T10:00:00Z'],
    ['2026-11-30 10:00:00', '2026-11-30T10:00:00Z'],
    ['2026-11-30T10:00:00+02:00', '2026-11-30T08:00:00Z'],
    ['2026-11-30T10:00:00.250-0130', '2026-11-30T11:30:00.250Z'],
    ['Mon, 30 Nov 2026 10:00:00 +0000', '2026-11-30T10:00:00Z'],
    ['Mon, 30 Nov 2026 10:00:00 GMT', '2026-11-30T10:00:00Z'],
    ['30 Nov 2026 05:00 EST', '2026-11-30T10:00:00Z'],
    [' 2026-11-30T10:00:00Z ', '2026-11-30T10:00:00Z'],
  ])('reads %j as %s (ISO 8601, UTC)', (given, expected) => {
    expect(normalisePublishedAt(given)).toBe(expected);
  });

  it.each([
    'yesterday',
    '10:00',
    '2026',
    '2026-11',
    '2026-02-30',
    '2026-11-30T25:00:00Z',
    '2026-W48-1',
    'Tue, 30 Nov 2026 10:00:00 +0000',
    '30/11/2026',
  ])('rejects %j', (given) => {
    expect(normalisePublishedAt(given)).toBeUndefined();
  });
});

describe('Article publishedAt', () => {
  it('stores the normalised form and treats a date without a zone as UTC', () => {
    const article = parseArticle({ id: 'a', title: 'T', publishedAt: '2026-11-30T10:00:00' });
    expect(article.publishedAt).toBe('2026-11-30T10:00:00Z');
  });

  it('names the field and the accepted forms when it is not a date', () => {
    expect(() => parseArticle({ id: 'a', title: 'T', publishedAt: 'next Tuesday' })).toThrow(
      `publishedAt: ${PUBLISHED_AT_RULE}`,
    );
    expect(() => parseArticle({ id: 'a', title: 'T', publishedAt: 20261130 })).toThrow(
      `publishedAt: ${PUBLISHED_AT_RULE}`,
    );
  });
});
