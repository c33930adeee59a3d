import { describe, expect, it } from 'vitest';
import { createDependencyArena } from './dependency-arena.js';

/** A repeatable random integer below `n` (a linear congruential generator). */
function seededRandom(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
}

describe('createDependencyArena', () => {
  it('finds the lists that hold an id', () => {
    const arena = createDependencyArena();
    arena.set('a', Int32Array.of(1, 2, 3));
    arena.set('b', Int32Array.of(3, 4));
    expect(arena.dependents(3).sort()).toEqual(['a', 'b']);
    expect(arena.dependents(4)).toEqual(['b']);
    expect(arena.dependents(9)).toEqual([]);
  });

  it('names a list once even when it holds the id twice', () => {
    const arena = createDependencyArena();
    arena.set('a', Int32Array.of(5, 6, 5));
    expect(arena.dependents(5)).toEqual(['a']);
  });

  it('forgets the old ids of a replaced list, shorter or longer', () => {
    const arena = createDependencyArena();
    arena.set('a', Int32Array.of(1, 2, 3));
    arena.set('a', Int32Array.of(4));
    expect(arena.dependents(2)).toEqual([]);
    arena.set('a', Int32Array.of(7, 8, 9, 10, 11));
    expect(arena.dependents(4)).toEqual([]);
    expect(arena.dependents(11)).toEqual(['a']);
  });

  it('forgets a deleted list and reuses its place for another', () => {
    const arena = createDependencyArena();
    arena.set('a', Int32Array.of(1, 2));
    arena.delete('a');
    expect(arena.dependents(1)).toEqual([]);
    arena.set('b', Int32Array.of(2));
    expect(arena.dependents(2)).toEqual(['b']);
  });

  it('agrees with a plain map through many replacements and compactions', () => {
    const arena = createDependencyArena();
    const model = new Map<string, number[]>();
    const random = seededRandom(42);
    for (let step = 0; step < 20_000; step += 1) {
      const list = `l${random(500)}`;
      if (random(10) === 0) {
        arena.delete(list);
        model.delete(list);
      } else {
        const ids = Array.from({ length: 1 + random(60) }, () => random(300));
        arena.set(list, Int32Array.from(ids.slice(0, 10)), Int32Array.from(ids.slice(10)));
        model.set(list, ids);
      }
    }
    for (let n = 0; n < 300; n += 1) {
      const expected = [...model].filter(([, ids]) => ids.includes(n)).map(([list]) => list);
      expect(arena.dependents(n).sort()).toEqual(expected.sort());
    }
  });

  it('reads a kept list from the shared buffer in place, copying nothing', () => {
    const arena = createDependencyArena();
    const buffer = new Int32Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // List a: head [1, 2] and tail [5]; list b: head [6] and tail [8, 9] (views of one buffer).
    arena.keep('a', buffer.subarray(0, 6), 1, 2, 1);
    arena.keep('b', buffer.subarray(6), 0, 1, 2);
    expect(arena.dependents(2)).toEqual(['a']);
    expect(arena.dependents(3)).toEqual([]);
    expect(arena.dependents(9)).toEqual(['b']);
    buffer[2] = 42;
    expect(arena.dependents(42)).toEqual(['a']);
  });

  it('forgets the kept ids of a list that is replaced or deleted', () => {
    const arena = createDependencyArena();
    const buffer = new Int32Array([1, 2, 3, 4]);
    arena.keep('a', buffer.subarray(0, 2), 0, 1, 1);
    arena.keep('b', buffer.subarray(2), 0, 1, 1);
    arena.set('a', Int32Array.of(7));
    arena.delete('b');
    expect([1, 2, 3, 4].map((n) => arena.dependents(n))).toEqual([[], [], [], []]);
    expect(arena.dependents(7)).toEqual(['a']);
    arena.keep('a', buffer.subarray(0, 2), 0, 1, 0);
    expect(arena.dependents(7)).toEqual([]);
    expect(arena.dependents(1)).toEqual(['a']);
  });

  it('copies a kept list whose ids lie in another buffer', () => {
    const arena = createDependencyArena();
    const first = new Int32Array([1, 2]);
    const other = new Int32Array([3, 4]);
    arena.keep('a', first, 0, 1, 1);
    arena.keep('b', other, 0, 1, 1);
    other[0] = 9;
    expect(arena.dependents(3)).toEqual(['b']);
    expect(arena.dependents(9)).toEqual([]);
    expect(arena.dependents(2)).toEqual(['a']);
  });

  it('agrees with a plain map when kept and copied lists mix', () => {
    const arena = createDependencyArena();
    const model = new Map<string, number[]>();
    const buffer = Int32Array.from({ length: 4000 }, (_, i) => (i * 7919) % 300);
    const random = seededRandom(7);
    for (let step = 0; step < 5_000; step += 1) {
      const list = `l${random(200)}`;
      const choice = random(10);
      if (choice === 0) {
        arena.delete(list);
        model.delete(list);
      } else if (choice < 5) {
        const at = random(3900);
        const view = buffer.subarray(at, at + 1 + random(99));
        const head = random(view.length);
        const tail = random(view.length - head + 1);
        arena.keep(list, view, 0, head, tail);
        model.set(list, [...view.subarray(0, head), ...view.subarray(view.length - tail)]);
      } else {
        const ids = Array.from({ length: random(40) }, () => random(300));
        arena.set(list, Int32Array.from(ids));
        model.set(list, ids);
      }
    }
    for (let n = 0; n < 300; n += 1) {
      const expected = [...model].filter(([, ids]) => ids.includes(n)).map(([list]) => list);
      expect(arena.dependents(n).sort()).toEqual(expected.sort());
    }
  });
});
