import { describe, expect, it } from 'vitest';
import { type BaselineDocument, tfidfLists } from './tfidf-baseline.js';

const doc = (id: string, title: string, body: string): BaselineDocument => ({
  id,
  titleStems: title.split(' '),
  bodyStems: body.split(' '),
});

describe('tfidfLists', () => {
  it('ranks the article sharing rare terms first, and never the source itself', () => {
    const lists = tfidfLists(
      [
        doc('a', 'quake ankara', 'quake toll rise city'),
        doc('b', 'quake ankara rescue', 'toll city rise'),
        doc('c', 'budget vote', 'city council budget'),
      ],
      2,
    );
    expect(lists[0]).toEqual({ id: 'a', shown: ['b', 'c'] });
    expect(lists.every((list) => !list.shown.includes(list.id))).toBe(true);
  });

  it('counts the title twice: a title match beats the same word in a body', () => {
    const lists = tfidfLists(
      [
        doc('src', 'flood', 'river'),
        doc('title', 'flood', 'other'),
        doc('body', 'other', 'flood'),
        doc('x', 'misc', 'misc'),
      ],
      3,
    );
    expect(lists[0]?.shown.slice(0, 2)).toEqual(['title', 'body']);
  });

  it('shows nothing for a text with no term in common', () => {
    const lists = tfidfLists([doc('a', 'alpha', 'beta'), doc('b', 'gamma', 'delta')], 5);
    expect(lists[0]?.shown).toEqual([]);
  });
});
