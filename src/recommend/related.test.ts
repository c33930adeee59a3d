import { beforeEach, describe, expect, it } from 'vitest';
import { relatedOver } from '../../test/helpers/related-over.js';
import { type Article, parseArticle } from '../articles/article.js';
import type { SyncArticleStore } from '../store/sync-store.js';
import { DEFAULT_SETTINGS } from './settings.js';
import type { RelatedService } from './types.js';

const STORM =
  'A violent storm flooded the harbour of Kelvsby overnight. The coastguard evacuated ' +
  'fishermen and the mayor of Kelvsby, Ingrid Halvorsen, closed the harbour road.';

/** One wire report, published twice: under two headlines, the second time updated. */
const WIRE =
  'Kelvsby counted the damage on Sunday after waves broke over the harbour wall and water ' +
  'filled the fish market, the ferry terminal and dozens of cellars. Coastguard crews carried ' +
  'elderly residents from flooded houses, and mayor Ingrid Halvorsen ordered the harbour road ' +
  'closed until engineers have checked the quay. Fishermen said several trawlers broke loose ' +
  'and sank in the basin. The weather service had warned of gusts above one hundred kilometres ' +
  'an hour along the whole coast.';

const a = (id: string, title: string, body: string, extra: Record<string, unknown> = {}) =>
  parseArticle({ id, title, body, language: 'en', section: 'news', ...extra });

const CORPUS: Article[] = [
  a('storm-1', 'Storm floods Kelvsby harbour', STORM, { publishedAt: '2026-03-01T08:00:00Z' }),
  a('storm-2', 'Kelvsby harbour under water after storm', WIRE, {
    publishedAt: '2026-03-01T10:00:00Z',
  }),
  a('storm-3', 'Kelvsby storm: harbour still closed', `${WIRE} Repairs start on Monday.`, {
    publishedAt: '2026-03-02T10:00:00Z',
  }),
  a(
    'storm-mayor',
    'Halvorsen asks for Kelvsby flood aid',
    'Mayor Halvorsen of Kelvsby wants ' +
      'state money to rebuild the flooded harbour after the storm; the coastguard backs her.',
    {
      publishedAt: '2026-03-03T09:00:00Z',
      section: 'Politics',
    },
  ),
  a('storm-de', 'Sturm in Kelvsby', `${STORM} Hafen.`, { language: 'de' }),
  a(
    'storm-old',
    'Kelvsby harbour flooded by storm',
    'Ten years ago a storm flooded the ' +
      'harbour of Kelvsby and the coastguard evacuated the fishermen of the old quarter.',
    {
      publishedAt: '2016-03-01T08:00:00Z',
      section: 'archive',
    },
  ),
  a(
    'singer',
    'Pop singer announces world tour',
    'The singer will play forty concerts in ' +
      'stadiums across Europe and America, with a new album out in spring.',
  ),
  a(
    'budget',
    'Finance minister presents budget',
    'The finance minister wants lower income ' +
      'taxes and higher spending on schools, economists doubt the sums.',
  ),
  a(
    'recipe',
    'Five quick pasta recipes',
    'Garlic, olive oil and fresh basil turn spaghetti ' + 'into a dinner in ten minutes.',
  ),
  a(
    'football',
    'United win the derby',
    'A late penalty gave United a two-one win over City ' + 'in a derby full of yellow cards.',
  ),
];

function setup(articles: readonly Article[] = CORPUS) {
  return relatedOver(articles);
}

const ids = (list: { items: readonly { id: string }[] }) => list.items.map((item) => item.id);

describe('createRelated', () => {
  let related: RelatedService;
  let store: SyncArticleStore;
  beforeEach(async () => {
    ({ related, store } = await setup());
  });

  it('lists the same story and none of the off-topic articles', async () => {
    const list = await related.forArticle('storm-1');
    expect(ids(list)).toEqual(expect.arrayContaining(['storm-mayor', 'storm-old']));
    for (const offTopic of ['singer', 'budget', 'recipe', 'football']) {
      expect(ids(list)).not.toContain(offTopic);
    }
  });

  it('never lists the source itself and keeps scores in 0..1, best first', async () => {
    const { items } = await related.forArticle('storm-1', { minScore: 0 });
    expect(items.map((i) => i.id)).not.toContain('storm-1');
    const scores = items.map((i) => i.score);
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
    // Best first up to the freshness tie-break, which may order near-equal scores by date.
    const tieBreak = DEFAULT_SETTINGS.freshness.weight;
    expect(items[0]?.score).toBeGreaterThanOrEqual(Math.max(...scores) - tieBreak);
  });

  it('lets minScore override the threshold both ways', async () => {
    const all = await related.forArticle('storm-1', { minScore: 0, limit: 50 });
    expect(ids(all)).toContain('singer');
    const strict = await related.forArticle('storm-1', { minScore: 0.999 });
    expect(strict.items.length).toBeLessThan(all.items.length);
  });

  it('returns an empty list rather than off-topic teasers', async () => {
    const list = await related.forArticle('recipe');
    expect(list.items).toEqual([]);
  });

  it('shows one copy of a story and keeps the fresher update', async () => {
    const list = await related.forArticle('storm-1', { minScore: 0, limit: 50 });
    expect(ids(list)).toContain('storm-3');
    expect(ids(list)).not.toContain('storm-2');
  });

  it('hides a copy of the source itself', async () => {
    const list = await related.forArticle('storm-2', { limit: 50, minScore: 0 });
    expect(ids(list)).not.toContain('storm-3');
    expect(ids(list)).toContain('storm-mayor');
  });

  it('keeps to the source language by default', async () => {
    const list = await related.forArticle('storm-1', { limit: 50, minScore: 0 });
    expect(ids(list)).not.toContain('storm-de');
  });

  it('filters sections and excluded sections case-insensitively', async () => {
    const only = await related.forArticle('storm-1', { sections: ['POLITICS'] });
    expect(ids(only)).toEqual(['storm-mayor']);
    const without = await related.forArticle('storm-1', {
      excludeSections: ['politics', 'Archive'],
    });
    expect(ids(without)).not.toContain('storm-mayor');
    expect(ids(without)).not.toContain('storm-old');
    expect(ids(without)).toContain('storm-3');
  });

  it('never lists excluded ids', async () => {
    const list = await related.forArticle('storm-1', { excludeIds: ['storm-mayor'] });
    expect(ids(list)).not.toContain('storm-mayor');
    expect(ids(list)).toContain('storm-3');
  });

  it('drops articles older than maxAgeDays before the injected now', async () => {
    const list = await related.forArticle('storm-1', { maxAgeDays: 30 });
    expect(ids(list)).not.toContain('storm-old');
    expect(ids(list)).toEqual(expect.arrayContaining(['storm-3', 'storm-mayor']));
  });

  it('puts pinned items first in their order, even off-topic, and skips missing ones', async () => {
    store.setOverrides('storm-1', { pinned: ['recipe', 'gone', 'singer'], blocked: [] });
    const list = await related.forArticle('storm-1', { limit: 4 });
    expect(ids(list).slice(0, 2)).toEqual(['recipe', 'singer']);
    expect(list.items.slice(0, 2).every((i) => i.pinned)).toBe(true);
    expect(list.items.slice(2).every((i) => !i.pinned)).toBe(true);
    expect(list.items).toHaveLength(4);
  });

  it('never lists blocked items, not even pinned ones', async () => {
    store.setOverrides('storm-1', { pinned: ['singer'], blocked: ['storm-mayor', 'singer'] });
    const list = await related.forArticle('storm-1', { limit: 50, minScore: 0 });
    expect(ids(list)).not.toContain('storm-mayor');
    expect(ids(list)).not.toContain('singer');
  });

  it('explains matches with readable shared terms', async () => {
    const list = await related.forArticle('storm-1');
    const mayor = list.items.find((i) => i.id === 'storm-mayor');
    expect(mayor?.reasons).toContain('kelvsby');
    expect(mayor?.reasons).toContain('halvorsen');
    expect(mayor?.reasons).not.toContain('kelvsbi');
  });

  it('respects the limit', async () => {
    const list = await related.forArticle('storm-1', { limit: 1, minScore: 0 });
    expect(list.items).toHaveLength(1);
  });

  it('answers for an unsaved draft', async () => {
    const list = await related.forDraft({
      title: 'Halvorsen wants state flood aid to rebuild Kelvsby',
      body: 'Mayor Halvorsen asks for state money to rebuild the flooded harbour of Kelvsby.',
      language: 'en',
    });
    expect(list.source).toEqual({
      id: null,
      title: 'Halvorsen wants state flood aid to rebuild Kelvsby',
      language: 'en',
    });
    expect(ids(list)).toContain('storm-mayor');
    expect(ids(list)).not.toContain('singer');
  });

  it('rejects an unknown source with ARTICLE_NOT_FOUND', async () => {
    await expect(related.forArticle('nope')).rejects.toMatchObject({ code: 'ARTICLE_NOT_FOUND' });
  });

  it('detects the language of a draft sent without one and lists in it', async () => {
    const list = await related.forDraft({
      title: 'Sturm überflutet den Hafen von Kelvsby',
      body: 'Der Sturm hat den Hafen von Kelvsby überflutet, die Stadt ist ohne Strom.',
      language: undefined,
    });
    expect(list.source.language).toBe('de');
    expect(ids(list)).not.toContain('storm-1');
  });
});
