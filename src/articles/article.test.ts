import { describe, expect, it } from 'vitest';
import { parseArticle, parseArticleItem } from './article.js';

const valid = { id: 'news/2026/a1', title: '  NATO summit ends  ', body: 'Text.' };

describe('parseArticle', () => {
  it('trims the title, defaults body and language, and drops unknown fields', () => {
    const article = parseArticle({ ...valid, body: undefined, extra: 1, language: 'EN-GB' });
    expect(article).toEqual({
      id: 'news/2026/a1',
      title: 'NATO summit ends',
      body: '',
      language: 'en-gb',
    });
  });

  it('treats null optional fields as absent', () => {
    const article = parseArticle({ ...valid, url: null, image: null, section: null, tags: null });
    expect(article.url).toBeUndefined();
    expect(article.image).toBeUndefined();
  });

  it('rejects a bad id, an empty title and a non-http url, naming each field', () => {
    expect(() => parseArticle({ id: 'a b', title: '   ', url: 'ftp://x.example/a' })).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        details: {
          issues: expect.arrayContaining([
            { field: 'id', message: 'may only hold letters, digits and _ . : / -' },
            { field: 'title', message: 'must not be empty' },
            { field: 'url', message: 'must be an absolute http(s) URL' },
          ]),
        },
      }),
    );
  });

  it('rejects a title of only invisible characters as empty, and keeps a visible one', () => {
    const item = parseArticleItem({ id: 'a1', title: '\u200b\u200c\u200d\u2060\ufeff\u00ad ' });
    expect(item).toMatchObject({
      ok: false,
      errors: [{ field: 'title', message: 'must not be empty' }],
    });
    expect(parseArticle({ id: 'a1', title: '\u200bNATO\u200b' }).title).toBe('\u200bNATO\u200b');
  });

  it('reports a missing title as required', () => {
    expect(() => parseArticle({ id: 'a1' })).toThrow(/title: is required/);
  });

  it('limits tags to 50 and checks publishedAt is a date, stored in UTC', () => {
    const tags = Array.from({ length: 51 }, (_, i) => `t${i}`);
    expect(() => parseArticle({ ...valid, tags })).toThrow(/tags: must hold at most 50 tags/);
    expect(() => parseArticle({ ...valid, publishedAt: 'yesterday' })).toThrow(
      /publishedAt: must be a date such as 2026-11-30/,
    );
    expect(parseArticle({ ...valid, publishedAt: '2026-11-01T10:00:00+01:00' }).publishedAt).toBe(
      '2026-11-01T09:00:00Z',
    );
  });

  it('rejects a body over 200000 characters', () => {
    expect(() => parseArticle({ ...valid, body: 'x'.repeat(200_001) })).toThrow(
      /body: must be at most 200000 characters/,
    );
  });
});

describe('parseArticleItem', () => {
  it('keeps the readable id of a rejected item', () => {
    const item = parseArticleItem({ id: 'a1', title: 42 });
    expect(item).toMatchObject({ ok: false, id: 'a1', errors: [{ field: 'title' }] });
  });
});

describe('field messages', () => {
  it('says a wrong-typed field must be a string, not that it is required', () => {
    expect(() => parseArticle({ id: 'a1', title: 5 })).toThrow(
      /title: is required and must be a string/,
    );
    expect(parseArticleItem({ id: 'a1', title: 'ok', body: 7 })).toMatchObject({
      ok: false,
      errors: [{ field: 'body', message: 'must be a string' }],
    });
  });
});
