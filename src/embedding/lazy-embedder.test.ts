import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { createFakeEmbedder } from './fake-embedder.js';
import { createLazyEmbedder } from './lazy-embedder.js';

const input = { title: 'Harbour strike', body: 'Dockworkers walked out.' };

describe('createLazyEmbedder', () => {
  it('starts loading at once, answers identity without waiting and embeds once loaded', async () => {
    const real = createFakeEmbedder({ modelId: 'm', dimensions: 8 });
    let loads = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const lazy = createLazyEmbedder({
      modelId: 'm',
      dimensions: 8,
      load: async () => {
        loads += 1;
        await gate;
        return real;
      },
    });
    expect(loads).toBe(1);
    expect([lazy.modelId, lazy.dimensions]).toEqual(['m', 8]);
    const pending = lazy.embed([input]);
    let loaded = false;
    void lazy.loaded.then(() => {
      loaded = true;
    });
    await Promise.resolve();
    expect(loaded).toBe(false);
    release();
    await lazy.loaded;
    const [vector] = await pending;
    expect(Array.from(vector ?? [])).toEqual(Array.from((await real.embed([input]))[0] ?? []));
  });

  it('fails every embedding with MODEL_MISMATCH when the model disagrees with the store', async () => {
    const lazy = createLazyEmbedder({
      modelId: 'm',
      dimensions: 8,
      load: async () => createFakeEmbedder({ modelId: 'm', dimensions: 16 }),
    });
    await expect(lazy.embed([input])).rejects.toMatchObject({ code: 'MODEL_MISMATCH' });
  });

  it('reports a failed load to the callers that need the model', async () => {
    const lazy = createLazyEmbedder({
      modelId: 'm',
      dimensions: 8,
      load: async () => {
        throw new AppError('MODEL_NOT_FOUND', 'gone');
      },
    });
    await expect(lazy.embed([input])).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
    await expect(lazy.loaded).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
    await expect(lazy.dispose()).resolves.toBeUndefined();
  });
});
