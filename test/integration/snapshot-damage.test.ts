/**
 * A snapshot damaged on disk (the real SQLite store and HNSW snapshots, fake embedder): once its
 * background check swaps in a rebuild, every list answers exactly as it would from an intact
 * snapshot, because everything derived from the damaged vectors (the score background, cached
 * vectors) is rebuilt with the index.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/services.js';
import { dataFolders } from '../helpers/data-folders.js';

const folders = dataFolders('morelike-damage-');
afterAll(() => folders.remove());

const COUNT = 60;
const ids = folders.articles(0, COUNT).map((article) => article.id);

/** Every article's list as `id score` lines. */
async function allScores(services: Services): Promise<string[]> {
  const lines: string[] = [];
  for (const id of ids) {
    const list = await services.related.forArticle(id, { limit: 10, minScore: 0 });
    lines.push(...list.items.map((item) => `${id} ${item.id} ${item.score}`));
  }
  return lines;
}

describe('a vectors file damaged on disk', () => {
  it('leaves no score of the damaged vectors once the rebuild is in', async () => {
    const dataDir = await folders.indexedFolder(COUNT);
    const intact = await folders.open(dataDir);
    const expected = await allScores(intact);
    await intact.close();

    const folder = join(dataDir, 'index');
    const { vectors: name } = JSON.parse(readFileSync(join(folder, 'current.json'), 'utf8'));
    const bytes = readFileSync(join(folder, name));
    bytes.fill(0, 0, Math.floor(bytes.length / 2));
    writeFileSync(join(folder, name), bytes);

    const lines: string[] = [];
    const damaged = await folders.open(dataDir, lines);
    expect(lines.join('\n')).toMatch(/loaded snapshot of 60 vectors/);
    // Lists asked before the check finishes come from the damaged vectors.
    await damaged.related.forArticle(ids[0] ?? '', { limit: 10, minScore: 0 });
    await expect.poll(() => lines.join('\n')).toMatch(/rebuilt 60 vectors from the store/);
    expect(await allScores(damaged)).toEqual(expected);
    await damaged.close();
  });
});
