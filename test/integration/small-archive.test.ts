/**
 * The threshold in a small archive (the real service graph: shipped model, SQLite, HNSW, the
 * materialised lists, each read once they have caught up with the writes): twenty demo
 * articles, among them the Brennport mayoral race, a crime story and a party election that share
 * "mayor" and "councillor" with it, and a chess title beside football and tennis. With so few
 * articles the background is mostly its prior; the list under the race must keep its items when
 * unrelated tiny articles arrive, and not move when an item is blocked; no item of another story
 * enters.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';
import { DEMO_CORPUS, parseCorpus } from '../../src/demo/demo-loader.js';
import { loadDemoStories } from '../../src/demo/demo-stories.js';
import type { RelatedList } from '../../src/recommend/types.js';
import { buildServices, type Services } from '../../src/services.js';

const TRUTH = loadDemoStories();
const RACE = new Set(TRUTH.stories['brennport-election']?.ids ?? []);
const SPORT = ['demo-0035', 'demo-0121', 'demo-0135', 'demo-0063', 'demo-0065', 'demo-0077'];
const OTHERS = ['demo-0085', 'demo-0068', 'demo-0002', 'demo-0041', 'demo-0075', 'demo-0086'];
const CHOSEN = new Set([...RACE, ...SPORT, ...OTHERS, 'demo-0004', 'demo-0008', 'demo-0114']);

describe('the threshold in a small archive', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'morelike-small-'));
  let services: Services;

  beforeAll(async () => {
    const config = loadConfig({ MORELIKE_DATA_DIR: dataDir, MORELIKE_DEMO: 'false' });
    services = await buildServices(config, { log: () => {} });
    const { articles } = parseCorpus(readFileSync(DEMO_CORPUS, 'utf8'));
    const small = articles.filter((article) => CHOSEN.has(article.id));
    expect(small.length).toBe(CHOSEN.size);
    await services.ingest.upsert(small);
  });

  afterAll(async () => {
    await services?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function relatedTo(id: string): Promise<RelatedList> {
    await services.lists.idle();
    return services.related.forArticle(id, { limit: 5 });
  }

  const ids = (list: RelatedList) => list.items.map((item) => item.id);

  it('lists only the mayoral race under demo-0011', async () => {
    const list = await relatedTo('demo-0011');
    expect(ids(list).length).toBeGreaterThanOrEqual(2);
    expect(ids(list).every((id) => RACE.has(id))).toBe(true);
  });

  it('shows no football or tennis under the chess title of demo-0035', async () => {
    expect(ids(await relatedTo('demo-0035'))).toEqual([]);
  });

  it('keeps the list and lets nothing of another story in when tiny articles are added', async () => {
    const before = await relatedTo('demo-0011');
    const tiny = [
      { id: 'tiny-ok', title: 'ok', body: '', language: 'en' },
      ...[1, 2, 3, 4].map((n) => ({
        id: `tiny-${n}`,
        title: `Weather update ${n}`,
        body: '',
        language: 'en',
      })),
    ];
    await services.ingest.upsert(tiny);
    const after = await relatedTo('demo-0011');
    // Every item stays and nothing of another story enters. (Scores still drift up a little: the
    // word weights' document count grows by a quarter, so an item at the edge may join.)
    expect(ids(after)).toEqual(expect.arrayContaining(ids(before)));
    expect(ids(after).every((id) => RACE.has(id))).toBe(true);
  });

  it('gives a blocked place to nothing of another story', async () => {
    const before = await relatedTo('demo-0011');
    const blocked = before.items[before.items.length - 1]?.id as string;
    await services.overrides.set('demo-0011', { pinned: [], blocked: [blocked] });
    const after = await relatedTo('demo-0011');
    expect(ids(after)).toEqual(ids(before).filter((id) => id !== blocked));
    after.items.forEach((item, i) => {
      expect(item.score).toBe(before.items[i]?.score);
    });
  });

  it('gives every shown item reasons a reader accepts', async () => {
    for (const id of CHOSEN) {
      for (const item of (await relatedTo(id)).items) {
        expect(item.reasons.length).toBeGreaterThan(0);
        for (const word of ['people', 'time', 'six', 'announces', 'final', 'title']) {
          expect(item.reasons).not.toContain(word);
        }
      }
    }
  });
});
