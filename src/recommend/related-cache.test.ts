import { describe, expect, it } from 'vitest';
import { createFakeSnapshots } from '../../test/helpers/fake-snapshots.js';
import { type Article, parseArticle } from '../articles/article.js';
import { loadConfig } from '../config/env.js';
import { createFakeEmbedder } from '../embedding/fake-embedder.js';
import { AppError } from '../errors.js';
import { buildServicesFrom } from '../services.js';
import type { ArticleStore } from '../store/article-store.js';
import { createMemoryStore } from '../store/memory-store.js';
import { createRelatedCache } from './related-cache.js';
import type { RelatedList, RelatedService } from './types.js';

const story = (id: string, title: string) =>
  parseArticle({ id, title, body: `${title}. ${title}. The harbour wall storm flood.` });

const CORPUS: Article[] = [
  story('flood-1', 'Storm floods the harbour town as the sea wall gives way'),
  story('flood-2', 'Harbour town floods again after the storm breaks the sea wall'),
  story('flood-3', 'Sea wall repairs begin in the flooded harbour town after the storm'),
  parseArticle({ id: 'cake', title: 'Lemon cake with poppy seeds', body: 'Bake the cake.' }),
];

/** Services over fakes; `computed()` counts lists actually computed (one overrides read each). */
async function setup() {
  const memory = createMemoryStore();
  let computed = 0;
  const store: ArticleStore = {
    ...memory,
    getOverrides(id) {
      computed += 1;
      return memory.getOverrides(id);
    },
  };
  const config = loadConfig({ MORELIKE_DEMO: 'false' });
  const adapters = { store, embedder: createFakeEmbedder(), snapshots: createFakeSnapshots() };
  const services = buildServicesFrom(config, adapters, { log: () => {} });
  await services.ingest.upsert(CORPUS);
  const ids = async (id = 'flood-1') =>
    (await services.related.forArticle(id, { minScore: 0 })).items.map((i) => i.id);
  return { services, ids, computed: () => computed };
}

/** A RelatedService that counts calls and answers a list naming the call. */
function countingService() {
  const calls: string[] = [];
  const service: RelatedService = {
    async forArticle(id) {
      calls.push(id);
      if (id === 'missing') {
        throw new AppError('ARTICLE_NOT_FOUND', 'no such article');
      }
      return {
        source: { id, title: `call ${calls.length}`, language: 'en' },
        model: 'm',
        items: [],
      };
    },
    async forDraft(draft) {
      calls.push('draft');
      return {
        source: { id: null, title: draft.title, language: 'en' },
        model: 'm',
        items: [],
      } as RelatedList;
    },
  };
  return { service, calls };
}

describe('related cache in the service graph', () => {
  it('answers a repeated request from the cache', async () => {
    const { ids, computed } = await setup();
    const first = await ids();
    expect(await ids()).toEqual(first);
    expect(computed()).toBe(1);
  });

  it('recomputes after an upsert, and lists the new article', async () => {
    const { services, ids, computed } = await setup();
    await ids();
    await services.ingest.upsert([story('flood-4', 'Storm floods harbour town sea wall again')]);
    expect(await ids()).toContain('flood-4');
    expect(computed()).toBe(2);
  });

  it('recomputes after a delete, and no longer lists the deleted article', async () => {
    const { services, ids } = await setup();
    expect(await ids()).toContain('flood-2');
    services.ingest.remove('flood-2');
    expect(await ids()).not.toContain('flood-2');
  });

  it('recomputes after an overrides change, and honours the block', async () => {
    const { services, ids } = await setup();
    expect(await ids()).toContain('flood-3');
    services.overrides.set('flood-1', { pinned: [], blocked: ['flood-3'] });
    expect(await ids()).not.toContain('flood-3');
  });

  it('recomputes after a reindex swap', async () => {
    const { services, ids, computed } = await setup();
    await ids();
    services.indexing.rebuild('test swap');
    await ids();
    expect(computed()).toBe(2);
  });
});

describe('createRelatedCache', () => {
  it('keys by article and by options, whatever their order', async () => {
    const { service, calls } = countingService();
    const cache = createRelatedCache({ related: service, version: () => 'v1' });
    await cache.forArticle('a', { limit: 3, sections: ['x'] });
    await cache.forArticle('a', { sections: ['x'], limit: 3 });
    await cache.forArticle('a', { limit: 4 });
    await cache.forArticle('b', { limit: 3, sections: ['x'] });
    expect(calls).toEqual(['a', 'a', 'b']);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 3 });
  });

  it('computes a list once for concurrent requests', async () => {
    const { service, calls } = countingService();
    const cache = createRelatedCache({ related: service, version: () => 'v1' });
    await Promise.all([cache.forArticle('a'), cache.forArticle('a'), cache.forArticle('a')]);
    expect(calls).toEqual(['a']);
  });

  it('drops every list when the version moves', async () => {
    const { service, calls } = countingService();
    let version = 'v1';
    const cache = createRelatedCache({ related: service, version: () => version });
    await cache.forArticle('a');
    version = 'v2';
    await cache.forArticle('a');
    await cache.forArticle('a');
    expect(calls).toEqual(['a', 'a']);
  });

  it('evicts the least recently used list beyond its bound', async () => {
    const { service, calls } = countingService();
    const cache = createRelatedCache({ related: service, version: () => 'v1', maxEntries: 2 });
    await cache.forArticle('a');
    await cache.forArticle('b');
    await cache.forArticle('a');
    await cache.forArticle('c');
    await cache.forArticle('a');
    await cache.forArticle('b');
    expect(calls).toEqual(['a', 'b', 'c', 'b']);
    expect(cache.stats().size).toBe(2);
  });

  it('recomputes maxAgeDays lists when the hour changes', async () => {
    const { service, calls } = countingService();
    let now = new Date('2026-01-01T10:10:00Z');
    const cache = createRelatedCache({ related: service, version: () => 'v1', now: () => now });
    await cache.forArticle('a', { maxAgeDays: 7 });
    now = new Date('2026-01-01T10:50:00Z');
    await cache.forArticle('a', { maxAgeDays: 7 });
    now = new Date('2026-01-01T11:01:00Z');
    await cache.forArticle('a', { maxAgeDays: 7 });
    expect(calls).toEqual(['a', 'a']);
  });

  it('does not remember failures, and never caches drafts', async () => {
    const { service, calls } = countingService();
    const cache = createRelatedCache({ related: service, version: () => 'v1' });
    await expect(cache.forArticle('missing')).rejects.toMatchObject({ code: 'ARTICLE_NOT_FOUND' });
    await expect(cache.forArticle('missing')).rejects.toMatchObject({ code: 'ARTICLE_NOT_FOUND' });
    await cache.forDraft({ title: 'd', body: '' } as never);
    await cache.forDraft({ title: 'd', body: '' } as never);
    expect(calls).toEqual(['missing', 'missing', 'draft', 'draft']);
  });
});
