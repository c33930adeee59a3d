import { describe, expect, it } from 'vitest';
import { createDependencyArena } from './dependency-arena.js';

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
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
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

  it('finds every holder after the lists outgrow the first slots, ids far apart', () => {
    const arena = createDependencyArena();
    const holders = (n: number) =>
      Array.from({ length: 3000 }, (_, l) => l).filter((l) => l % 7 === (n % 1_000_000) % 7);
    for (let l = 0; l < 3000; l += 1) {
      arena.set(`l${l}`, Int32Array.of(l % 7, 1_000_000 + (l % 7)), Int32Array.of(50_000 + l));
    }
    for (const n of [3, 1_000_003]) {
      expect(arena.dependents(n).sort()).toEqual(
        holders(n)
          .map((l) => `l${l}`)
          .sort(),
      );
    }
    expect(arena.dependents(50_000 + 2500)).toEqual(['l2500']);
    expect(arena.dependents(7)).toEqual([]);
  });
});
