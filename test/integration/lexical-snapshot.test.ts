/**
 * The lexical snapshot over a real data folder (SQLite store, HNSW and lexical snapshots, fake
 * embedder): a restart loads it instead of re-reading every article's terms, catches it up with
 * writes another store handle made after it was saved, and falls back to the store when the
 * file is corrupt. Either way the restarted index answers exactly like one built from the store.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/articles/article.js';
import { loadConfig } from '../../src/config/env.js';
import { createFakeEmbedder } from '../../src/embedding/fake-embedder.js';
import { buildLexicalIndex } from '../../src/indexing/open-lexical.js';
import type { LexicalIndex } from '../../src/lexical/lexical-index.js';
import {
  createLexicalSnapshots,
  LEXICAL_SNAPSHOT_FILE,
} from '../../src/lexical/lexical-snapshot.js';
import type { TermWeights } from '../../src/lexical/term-weights.js';
import { buildServicesFrom, type Services } from '../../src/services.js';
import { createSqliteStore } from '../../src/store/sqlite-store.js';
import { createIndexSnapshots } from '../../src/vector-index/index-snapshot.js';
import { generatedArticle } from '../helpers/generated-corpus.js';

const root = mkdtempSync(join(tmpdir(), 'morelike-lexsnap-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

function open(dataDir: string, lines: string[] = []): Promise<Services> {
  const config = Object.freeze({ ...loadConfig({}), dataDir });
  return buildServicesFrom(
    config,
    {
      store: createSqliteStore({ dataDir }),
      embedder: createFakeEmbedder({ dimensions: 16 }),
      snapshots: createIndexSnapshots(join(dataDir, 'index')),
      lexicalSnapshots: createLexicalSnapshots(join(dataDir, 'index', LEXICAL_SNAPSHOT_FILE)),
    },
    { log: (line) => lines.push(line) },
  );
}

const articles = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => parseArticle(generatedArticle(from + i)));

/** Every stored article's candidates and similarity with a few others. */
async function answers(services: Services): Promise<unknown[]> {
  const stored = new Map<string, TermWeights>();
  for await (const { id, terms } of services.store.terms()) {
    stored.set(id, terms);
  }
  const ids = [...stored.keys()].sort();
  const fresh = await buildLexicalIndex(services.store);
  const of = (index: LexicalIndex) =>
    ids.map((a) => {
      const terms = stored.get(a) ?? {};
      return [index.query(terms).candidates(8), ids.slice(0, 12).map((b) => index.between(a, b))];
    });
  return [of(services.lexical), of(fresh)];
}

function freshDir(): string {
  n += 1;
  return join(root, `data-${n}`);
}

describe('lexical snapshot in a data folder', () => {
  it('starts from the snapshot and catches up writes made after the save', async () => {
    const dataDir = freshDir();
    const first = await open(dataDir);
    await first.ingest.upsert(articles(0, 30));
    await first.close();
    const other = await open(dataDir);
    await other.ingest.upsert([
      ...articles(30, 4),
      parseArticle({ ...generatedArticle(40), id: 'gen-3' }),
    ]);
    await other.ingest.remove('gen-7');
    // Killed: no close, so no new snapshot; the store already holds its writes.
    await other.store.close();
    const lines: string[] = [];
    const restarted = await open(dataDir, lines);
    expect(lines.join('\n')).toMatch(/lexical: loaded snapshot of 30 articles .*caught up 6/);
    expect(restarted.lexical.size()).toBe(33);
    const [loaded, built] = await answers(restarted);
    expect(loaded).toEqual(built);
    await restarted.close();
  });

  it('builds from the store, and says why, when the snapshot is corrupt', async () => {
    const dataDir = freshDir();
    const first = await open(dataDir);
    await first.ingest.upsert(articles(0, 20));
    await first.close();
    const file = join(dataDir, 'index', LEXICAL_SNAPSHOT_FILE);
    const bytes = readFileSync(file);
    // A byte inside the sections' data (the file ends in alignment padding).
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    const lines: string[] = [];
    const second = await open(dataDir, lines);
    expect(lines.join('\n')).toMatch(/lexical: built 20 articles from the store .*checksum/);
    const [loaded, built] = await answers(second);
    expect(loaded).toEqual(built);
    await second.close();
    const third: string[] = [];
    await (await open(dataDir, third)).close();
    expect(third.join('\n')).toMatch(/lexical: loaded snapshot of 20 articles/);
  });
});
