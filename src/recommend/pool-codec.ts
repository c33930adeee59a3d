/**
 * The compact form a materialised pool is kept in: article ids and reason terms interned to
 * numbers once for all lists, each list one Int32Array and one Float64Array (scores stay exact
 * doubles, so a pool answers exactly like a live list). A pool of 32 items takes about 1 KB
 * instead of about 13 KB of objects and strings, which is what lets 100,000 lists fit in memory.
 */
import type { PoolItem, RelatedPool } from './related-pool.js';

/**
 * Interned strings by number, decoded when asked for: a loaded snapshot's table is read from
 * the file's bytes string by string, so start-up does not decode 160,000 strings.
 */
export interface StringTable {
  readonly count: number;
  text(n: number): string;
}

/** Strings to numbers and back, shared by every list (and saved with them). */
export interface Interner {
  id(text: string): number;
  /** The number of `text` when it was interned, without interning it. */
  find(text: string): number | undefined;
  text(id: number): string;
  /** Maps `count` more saved strings to their numbers; true once every one is mapped. */
  warm(count: number): boolean;
  /** Every interned string, by number (the saved ones first, then those interned since). */
  readonly strings: StringTable;
}

/** A table over an array of strings. */
export function stringTable(strings: readonly string[]): StringTable {
  return { count: strings.length, text: (n) => strings[n] ?? '' };
}

/**
 * Creates an interner, empty or holding `saved` (number = position). The string-to-number map
 * of the saved strings is built by `warm` a part at a time (in the background after start), and
 * finished at once by the first `id` or `find` that comes before it is done.
 */
export function createInterner(saved: StringTable = stringTable([])): Interner {
  const added: string[] = [];
  const numbers = new Map<string, number>();
  let mapped = 0;
  const warm = (count: number): boolean => {
    const until = Math.min(saved.count, mapped + count);
    for (; mapped < until; mapped += 1) {
      numbers.set(saved.text(mapped), mapped);
    }
    return mapped === saved.count;
  };
  const lookup = (): Map<string, number> => {
    warm(Number.POSITIVE_INFINITY);
    return numbers;
  };
  const text = (n: number) => (n < saved.count ? saved.text(n) : (added[n - saved.count] ?? ''));
  return {
    id(value) {
      const map = lookup();
      let n = map.get(value);
      if (n === undefined) {
        n = saved.count + added.push(value) - 1;
        map.set(value, n);
      }
      return n;
    },
    find: (value) => lookup().get(value),
    text,
    warm,
    strings: {
      get count() {
        return saved.count + added.length;
      },
      text,
    },
  };
}

/** A pool in compact form. */
export interface PackedPool {
  readonly source: RelatedPool['source'];
  /**
   * [pinned count, item count, capped (0/1), feedback count, near count, then the ids of the
   * pins and items, the reason count of each, the reasons, the feedback ids, the near ids].
   */
  readonly ints: Int32Array;
  /** The scores of the pins, then of the items. */
  readonly scores: Float64Array;
}

const HEAD = 5;

/** `pool` in compact form, interning its strings in `interner`. */
export function packPool(pool: RelatedPool, interner: Interner): PackedPool {
  const all = [...pool.pinned, ...pool.items];
  const ints: number[] = [
    pool.pinned.length,
    pool.items.length,
    pool.capped ? 1 : 0,
    pool.feedback.length,
    pool.near.length,
  ];
  for (const item of all) {
    ints.push(interner.id(item.id));
  }
  for (const item of all) {
    ints.push(item.reasons.length);
  }
  for (const item of all) {
    for (const reason of item.reasons) {
      ints.push(interner.id(reason));
    }
  }
  for (const id of [...pool.feedback, ...pool.near]) {
    ints.push(interner.id(id));
  }
  return {
    source: pool.source,
    ints: Int32Array.from(ints),
    scores: Float64Array.from(all, (item) => item.score),
  };
}

/** The pool held by `packed`. */
export function unpackPool(packed: PackedPool, interner: Interner): RelatedPool {
  const { ints, scores } = packed;
  const [pinnedCount = 0, itemCount = 0, capped = 0, feedbackCount = 0, nearCount = 0] = ints;
  const count = pinnedCount + itemCount;
  let reasonAt = HEAD + 2 * count;
  const items: PoolItem[] = [];
  for (let i = 0; i < count; i += 1) {
    const reasonCount = ints[HEAD + count + i] as number;
    const reasons: string[] = [];
    for (let r = 0; r < reasonCount; r += 1) {
      reasons.push(interner.text(ints[reasonAt + r] as number));
    }
    reasonAt += reasonCount;
    const id = interner.text(ints[HEAD + i] as number);
    items.push({ id, score: scores[i] as number, reasons });
  }
  const texts = (from: number, length: number) =>
    Array.from(ints.subarray(from, from + length), (n) => interner.text(n));
  return {
    source: packed.source,
    pinned: items.slice(0, pinnedCount),
    items: items.slice(pinnedCount),
    capped: capped === 1,
    feedback: texts(reasonAt, feedbackCount),
    near: texts(reasonAt + feedbackCount, nearCount),
  };
}

/** The near ids of `packed`, without unpacking the rest. */
export function nearOf(packed: PackedPool, interner: Interner): string[] {
  const { ints } = packed;
  const nearCount = ints[4] as number;
  return Array.from(ints.subarray(ints.length - nearCount), (n) => interner.text(n));
}

/**
 * The interned ids `packed` depends on, as two views of it (no copy): its pins and items, then
 * its feedback and near ids.
 */
export function dependencyIds(packed: PackedPool): [Int32Array, Int32Array] {
  const { ints } = packed;
  const [headAt, headLength, tailLength] = dependencyRanges(packed);
  return [ints.subarray(headAt, headAt + headLength), ints.subarray(ints.length - tailLength)];
}

/**
 * Where `dependencyIds` lie in `packed.ints`: the pins and items start at the first number
 * (with the second's length), the feedback and near ids are the last (third number) of them.
 */
export function dependencyRanges(packed: PackedPool): [number, number, number] {
  const { ints } = packed;
  const count = (ints[0] as number) + (ints[1] as number);
  return [HEAD, count, (ints[3] as number) + (ints[4] as number)];
}
