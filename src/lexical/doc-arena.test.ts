import { describe, expect, it } from 'vitest';
import { createDocArena } from './doc-arena.js';

/** A document of `count` ascending ids starting at `first`, each with frequency `tf`. */
function doc(first: number, count: number, tf: number) {
  const ids = Int32Array.from({ length: count }, (_, i) => first + i);
  return { ids, tfs: new Float64Array(count).fill(tf) };
}

function contents(arena: ReturnType<typeof createDocArena>, number: number) {
  const view = arena.view(number);
  return (
    view && { ids: view.ids.slice(view.start, view.end), tfs: view.tfs.slice(view.start, view.end) }
  );
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
});
