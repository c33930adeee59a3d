import { describe, expect, it } from 'vitest';
import { createDocArena, frequencies } from './doc-arena.js';

/** A document of `count` ascending ids starting at `first`, each with frequency `tf`. */
function doc(first: number, count: number, tf: number) {
  const ids = Int32Array.from({ length: count }, (_, i) => first + i);
  return { ids, tfs: new Float64Array(count).fill(tf) };
}

function contents(arena: ReturnType<typeof createDocArena>, number: number) {
  const view = arena.view(number);
  return view && { ids: view.ids.slice(view.start, view.end), tfs: frequencies(view) };
}

describe('createDocArena', () => {
  it('returns what was put and forgets what was freed', () => {
    const arena = createDocArena();
    const a = doc(3, 4, 2.5);
    arena.put(7, a.ids, a.tfs, 4);
    expect(Array.from(contents(arena, 7)?.ids ?? [])).toEqual([3, 4, 5, 6]);
    expect(Array.from(contents(arena, 7)?.tfs ?? [])).toEqual([2.5, 2.5, 2.5, 2.5]);
    arena.free(7);
    expect(arena.view(7)).toBeUndefined();
  });

  it('keeps every surviving document intact when freed space is compacted away', () => {
    const arena = createDocArena();
    const size = 200_000;
    for (let n = 0; n < 12; n += 1) {
      const d = doc(n, size, n + 0.5);
      arena.put(n, d.ids, d.tfs, size);
    }
    for (const n of [0, 2, 4, 6, 8, 10, 11]) {
      arena.free(n);
    }
    for (const n of [1, 3, 5, 7, 9]) {
      const view = contents(arena, n);
      expect(view?.ids.length).toBe(size);
      expect(view?.ids[0]).toBe(n);
      expect(view?.ids[size - 1]).toBe(n + size - 1);
      expect(view?.tfs.every((tf) => tf === n + 0.5)).toBe(true);
    }
    expect(arena.view(0)).toBeUndefined();
  });

  it('keeps frequencies that are not multiples of 0.5 exactly', () => {
    const arena = createDocArena();
    const tfs = Float64Array.from([0.5, 1.1, 300, 1e-9]);
    arena.put(0, Int32Array.from([1, 2, 3, 4]), tfs, 4);
    const half = doc(10, 3, 127.5);
    arena.put(1, half.ids, half.tfs, 3);
    expect(Array.from(contents(arena, 0)?.tfs ?? [])).toEqual(Array.from(tfs));
    expect(arena.view(0)?.codes).toBeUndefined();
    expect(Array.from(contents(arena, 1)?.tfs ?? [])).toEqual([127.5, 127.5, 127.5]);
    expect(arena.view(1)?.codes).toBeDefined();
  });

  it('restores a packed arena with its free numbers, coded and wide documents', () => {
    const arena = createDocArena();
    const docs = [doc(0, 5, 1), doc(3, 2, 0.3), doc(7, 4, 2.5), doc(1, 1, 4)];
    docs.forEach((d, n) => {
      arena.put(n, d.ids, d.tfs, d.ids.length);
    });
    arena.free(2);
    const restored = createDocArena(arena.pack(4));
    for (const n of [0, 1, 2, 3]) {
      expect(contents(restored, n)).toEqual(contents(arena, n));
    }
    const more = doc(9, 3, 1.5);
    restored.put(2, more.ids, more.tfs, 3);
    restored.free(0);
    expect(contents(restored, 2)).toEqual({ ids: more.ids, tfs: more.tfs });
    expect(contents(restored, 1)).toEqual(contents(arena, 1));
    expect(restored.view(0)).toBeUndefined();
  });
});
