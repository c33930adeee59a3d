import { describe, expect, it } from 'vitest';
import { createFakeSnapshots } from '../../test/helpers/fake-snapshots.js';
import { unitVector } from '../../test/helpers/vector-index-contract.js';
import { parseArticle } from '../articles/article.js';
import type { Embedder } from '../embedding/embedder.js';
import { createFakeEmbedder } from '../embedding/fake-embedder.js';
import { createSwitchableEmbedder } from '../embedding/switchable-embedder.js';
import { AppError } from '../errors.js';
import { createLexicalIndex } from '../lexical/memory-lexical-index.js';
import type { ArticleStore, VectorModel } from '../store/article-store.js';
import { createMemoryStore } from '../store/memory-store.js';
import { createModelFollower } from './follow-model.js';
import { createHeldArticles } from './held-articles.js';
import { createKeeper } from './keeper.js';
import { openVectorIndex } from './open-vector.js';

const OLD = { modelId: 'old', dimensions: 8 };
const NEW = { modelId: 'new', dimensions: 4 };
const input = { title: 'A title', body: 'a body', language: 'en' };

/** A store of `ids` under OLD, a keeper following it, and the embedder it switches. */
async function following(ids: string[], load: (model: VectorModel) => Promise<Embedder>) {
  const store: ArticleStore = createMemoryStore();
  await store.claimVectorModel(OLD);
  await store.upsertMany(
    ids.map((id, i) => ({
      article: parseArticle({ id, title: `Title ${id}` }),
      textHash: `h${i}`,
      vector: unitVector(i, 8),
      terms: { shared: 1 },
    })),
  );
  const lines: string[] = [];
  const deps = { store, snapshots: createFakeSnapshots(), log: (l: string) => lines.push(l) };
  const opened = await openVectorIndex(deps, OLD);
  const held = createHeldArticles(undefined);
  await held.load(store, opened.generation);
  const embedder = createSwitchableEmbedder(createFakeEmbedder(OLD));
  const follower = createModelFollower({ embedder, load, log: deps.log });
  const keeper = createKeeper(
    { ...deps, held, model: OLD, follower, moved: () => {} },
    { ...opened, lexical: createLexicalIndex() },
  );
  const moveTo = (model: VectorModel) =>
    store.replaceVectors(model, new Map(ids.map((id, i) => [id, unitVector(i, model.dimensions)])));
  return { keeper, embedder, follower, lines, moveTo };
}

describe('following the store to another model', () => {
  it('rebuilds under the new model, swaps, then embeds with it; one line names both', async () => {
    const { keeper, embedder, lines, moveTo } = await following(['a', 'b'], async () =>
      createFakeEmbedder(NEW),
    );
    await moveTo(NEW);
    await keeper.catchUp();
    expect(keeper.model()).toEqual(NEW);
    expect(keeper.swaps()).toBe(1);
    expect(keeper.index.dimensions).toBe(4);
    expect(keeper.index.size()).toBe(2);
    expect(embedder.modelId).toBe('new');
    expect((await embedder.embed([input]))[0]?.length).toBe(4);
    expect(lines.filter((l) => l.includes('from old to new'))).toHaveLength(1);
  });

  it('keeps answering from the old index and refuses embeds when the model is not here', async () => {
    const missing = new AppError('MODEL_NOT_FOUND', 'config.json of model "new" is missing');
    const { keeper, embedder, follower, lines, moveTo } = await following(['a'], async () => {
      throw missing;
    });
    await moveTo(NEW);
    await keeper.catchUp();
    expect(keeper.model()).toEqual(OLD);
    expect(keeper.index.size()).toBe(1);
    expect(keeper.index.search(unitVector(0, 8), 1).map((n) => n.id)).toEqual(['a']);
    await expect(embedder.embed([input])).rejects.toMatchObject({
      code: 'MODEL_MISMATCH',
      detail: expect.stringContaining('MORELIKE_MODEL=new'),
    });
    expect(follower.problem()).toContain('is missing');
    await keeper.catchUp();
    expect(lines.filter((l) => l.includes('cannot load'))).toHaveLength(1);
  });

  it('refuses a loaded model whose dimensions differ from the stored vectors', async () => {
    const { keeper, embedder, moveTo } = await following(['a'], async () =>
      createFakeEmbedder({ modelId: 'new', dimensions: 5 }),
    );
    await moveTo(NEW);
    await keeper.catchUp();
    expect(keeper.model()).toEqual(OLD);
    await expect(embedder.embed([input])).rejects.toMatchObject({ code: 'MODEL_MISMATCH' });
  });

  it('holds embeds while the switch is under way, then embeds with the new model', async () => {
    let release = (_: Embedder) => {};
    const { keeper, embedder, moveTo } = await following(
      ['a'],
      () => new Promise<Embedder>((resolve) => (release = resolve)),
    );
    await moveTo(NEW);
    const caughtUp = keeper.catchUp();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const embedded = embedder.embed([input]);
    expect(keeper.index.size()).toBe(1); // the old index answers meanwhile
    release(createFakeEmbedder(NEW));
    await caughtUp;
    expect((await embedded)[0]?.length).toBe(4);
  });
});
