/**
 * Fake services for route unit tests: the real wiring (`buildServicesFrom`: ingest, related,
 * overrides, index keeper) over MemoryStore, FakeEmbedder and ExactIndex snapshots held in memory.
 * Fast and deterministic; nothing touches the disk.
 */
import { type Article, parseArticle } from '../../src/articles/article.js';
import { type Config, loadConfig } from '../../src/config/env.js';
import { createFakeEmbedder } from '../../src/embedding/fake-embedder.js';
import { buildServicesFrom, type Services } from '../../src/services.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { createExactIndex } from '../../src/vector-index/exact-index.js';
import type { IndexSnapshots, SnapshotMeta } from '../../src/vector-index/persistent-index.js';
import type { VectorIndex } from '../../src/vector-index/vector-index.js';

/** An API key the fake configuration accepts. */
export const TEST_API_KEY = 'test-key-0123456789';

/** A configuration for tests: one API key, no demo, the contract's limits unless overridden. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return Object.freeze({
    ...loadConfig({ MORELIKE_API_KEYS: TEST_API_KEY, MORELIKE_DEMO: 'false' }),
    ...overrides,
  });
}

/** Snapshots kept in memory: ExactIndex instances, "saved" by reference. */
export function memorySnapshots(): IndexSnapshots & { saves: number } {
  let saved: { index: VectorIndex; meta: SnapshotMeta } | undefined;
  const snapshots = {
    saves: 0,
    create: (dimensions: number) => createExactIndex(dimensions),
    load: () => (saved ? { ok: true as const, ...saved } : { ok: false as const, reason: 'none' }),
    readMeta: () => saved?.meta,
    save(index: VectorIndex, info: { generation: number; modelId: string }) {
      snapshots.saves += 1;
      const meta = {
        ...info,
        count: index.size(),
        dimensions: index.dimensions,
        savedAt: new Date().toISOString(),
      };
      saved = { index, meta };
      return meta;
    },
  };
  return snapshots;
}

export interface FakeServicesOptions {
  readonly config?: Partial<Config>;
  /** Stored (through the real ingest) before the services are returned. */
  readonly articles?: readonly unknown[];
}

/** Builds the service graph over in-memory fakes. */
export async function createFakeServices(options: FakeServicesOptions = {}): Promise<Services> {
  const services = await buildServicesFrom(
    testConfig(options.config),
    {
      store: createMemoryStore(),
      embedder: createFakeEmbedder({ dimensions: 32 }),
      snapshots: memorySnapshots(),
    },
    { log: () => {} },
  );
  if (options.articles && options.articles.length > 0) {
    await services.ingest.upsert(options.articles.map((a) => parseArticle(a)));
  }
  return services;
}

const story = (id: string, section: string, title: string, body: string): Article =>
  parseArticle({
    id,
    section,
    title,
    body,
    publishedAt: '2026-11-20T07:30:00Z',
    url: `https://news.example/${id}`,
  });

/** A handful of articles: one story told three times, and unrelated teasers. */
export const STORY_ARTICLES: readonly Article[] = [
  story(
    'flood-1',
    'local',
    'Storm floods the harbour town as the sea wall gives way',
    'Heavy rain and a storm surge flooded the harbour town of Kelvsby after the old sea wall collapsed; firefighters pumped water from homes.',
  ),
  story(
    'flood-2',
    'local',
    'Council promises new flood defences for the harbour after the storm',
    'The council of Kelvsby will rebuild the collapsed sea wall and raise flood defences for the harbour after the storm surge flooded homes.',
  ),
  story(
    'flood-3',
    'local',
    'Families count the cost after flood water reaches harbour homes',
    'A week after the storm surge, harbour families in Kelvsby dry out flooded homes and insurers count flood damage claims from the sea wall collapse.',
  ),
  story(
    'cup-final',
    'sport',
    'Late penalty wins the cup final for the visitors',
    'A penalty in the last minute of the cup final gave the visitors the trophy after a goalless match.',
  ),
  story(
    'star-wedding',
    'celebrity',
    'Pop star marries in a secret island ceremony',
    'The singer married her long-time partner on a private island, guests said.',
  ),
  story(
    'news/2026/bakery',
    'business',
    'Village bakery doubles its bread output',
    'The bakery hired four bakers and bought a second oven to keep up with demand for bread.',
  ),
];
