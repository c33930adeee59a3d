import { beforeAll, describe, expect, it } from 'vitest';
import { topicArchive, topicArticle } from '../../test/helpers/topic-corpus.js';
import { parseArticle } from '../articles/article.js';
import { SPECIAL_TOKENS, TRAIN_DEFAULTS, type TrainedTable, trainTable } from './train-table.js';

// As many dimensions as the archive has topics.
const options = { ...TRAIN_DEFAULTS, dims: 5 };

/** The unit mean of the rows of `words` (what the static model computes for a text). */
function foldIn(table: TrainedTable, words: readonly string[]): Float32Array {
  const out = new Float32Array(table.dimensions);
  for (const word of words) {
    const id = table.vocabulary.indexOf(word);
    for (let c = 0; c < table.dimensions; c += 1) {
      out[c] =
        (out[c] as number) + (id < 0 ? 0 : (table.rows[id * table.dimensions + c] as number));
    }
  }
  const norm = Math.hypot(...out);
  return out.map((value) => value / norm);
}

const cosine = (a: Float32Array, b: Float32Array) =>
  a.reduce((sum, v, i) => sum + v * (b[i] ?? 0), 0);

describe('trainTable', () => {
  const archive = topicArchive(100);
  let table: TrainedTable;
  beforeAll(async () => {
    table = await trainTable(archive, options);
  });

  it('gives the same table for the same archive, whatever order the store yields it in', async () => {
    const again = await trainTable([...archive].reverse(), options);
    expect(again.vocabulary).toEqual(table.vocabulary);
    expect(again.rows).toEqual(table.rows);
  });

  it('records the archive: articles per language, stems, dimensions', () => {
    expect(table.articles).toBe(100);
    expect(table.languages).toEqual({ en: 80, uk: 20 });
    expect(table.dimensions).toBe(5);
    expect(table.vocabulary.slice(0, 4)).toEqual([...SPECIAL_TOKENS]);
    expect(table.rows.slice(0, 4 * 5).every((value) => value === 0)).toBe(true);
  });

  it('puts the words of one topic together and apart from the others', () => {
    const storm = foldIn(table, ['storm', 'flood', 'levee']);
    const tide = foldIn(table, ['tide', 'harbour']);
    const league = foldIn(table, ['league', 'referee']);
    const peace = foldIn(table, ['миротворці', 'перемир', 'тимчасовий']);
    expect(cosine(storm, tide)).toBeGreaterThan(0.9);
    expect(cosine(storm, league)).toBeLessThan(0.3);
    expect(cosine(peace, foldIn(table, ['її', 'мир']))).toBeGreaterThan(0.9);
    expect(cosine(peace, storm)).toBeLessThan(0.3);
  });

  it('places an unseen article of known words beside the stored articles of its topic', () => {
    const unseen = ['goalkeeper', 'trophy', 'stadium', 'striker'];
    const stored = foldIn(table, topicArticle(1).body.toLowerCase().split(' '));
    const other = foldIn(table, topicArticle(2).body.toLowerCase().split(' '));
    expect(cosine(foldIn(table, unseen), stored)).toBeGreaterThan(0.9);
    expect(cosine(foldIn(table, unseen), other)).toBeLessThan(0.3);
  });

  it('refuses an archive too small to learn from, naming its size', async () => {
    const one = [parseArticle({ id: 'a', title: 'Storm', body: 'A storm hit the harbour.' })];
    await expect(trainTable(one, options)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('1 articles'),
    });
  });
});
