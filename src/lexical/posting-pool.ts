/**
 * Posting lists without per-list objects: list `t` is `pool[start[t] .. start[t] + length[t])`
 * with room for `capacity[t]`; a full list moves to the end of the pool with twice the room, and
 * the pool is compacted when moved-out space dominates. A snapshot restores it in one read.
 */
import { grownInts } from './grow.js';

/** Every posting list packed in term-id order (for snapshots). */
export interface PackedPostings {
  /** Postings per term id. */
  readonly lengths: Int32Array;
  readonly docs: Int32Array;
}

/** Term id -> document numbers, in one pooled array. */
export interface PostingPool {
  pool: Int32Array;
  start: Int32Array;
  length: Int32Array;
  add(termId: number, doc: number): void;
  delete(termId: number, doc: number): void;
  pack(): PackedPostings;
}

/** The posting lists: list `t` is `pool[start[t] .. start[t] + length[t])`, room for `capacity`. */
export function createPostingPool(packed?: PackedPostings): PostingPool {
  const terms = packed?.lengths.length ?? 0;
  const state: PostingPool = {
    pool: packed?.docs ?? new Int32Array(1024),
    start: new Int32Array(Math.max(1024, terms)),
    length: new Int32Array(Math.max(1024, terms)),
    add,
    delete: remove,
    pack,
  };
  let capacity: Int32Array = new Int32Array(state.start.length);
  let used = 0;
  let garbage = 0;
  for (let t = 0; t < terms; t += 1) {
    const length = packed?.lengths[t] as number;
    state.start[t] = used;
    state.length[t] = length;
    capacity[t] = length;
    used += length;
  }

  /** Gives list `termId` room for `room` postings at the end of the pool. */
  function move(termId: number, room: number): void {
    if (used + room > state.pool.length) {
      if (garbage > used / 2) {
        compact();
      }
      // Gentle growth: a restored pool is exactly full, and doubling it would waste much.
      state.pool = grownInts(
        state.pool,
        Math.max(used + room, Math.ceil(state.pool.length * 1.25)),
      );
    }
    const start = state.start[termId] as number;
    const length = state.length[termId] as number;
    state.pool.copyWithin(used, start, start + length);
    garbage += capacity[termId] as number;
    state.start[termId] = used;
    capacity[termId] = room;
    used += room;
  }
  function compact(): void {
    const fresh = new Int32Array(Math.max(1024, used - garbage));
    let at = 0;
    for (let t = 0; t < state.length.length; t += 1) {
      const start = state.start[t] as number;
      fresh.set(state.pool.subarray(start, start + (capacity[t] as number)), at);
      state.start[t] = at;
      at += capacity[t] as number;
    }
    state.pool = fresh;
    used = at;
    garbage = 0;
  }
  function add(termId: number, doc: number): void {
    if (termId >= state.length.length) {
      const size = Math.max(termId + 1, state.length.length * 2);
      state.start = grownInts(state.start, size);
      state.length = grownInts(state.length, size);
      capacity = grownInts(capacity, size);
    }
    const length = state.length[termId] as number;
    if (length === capacity[termId]) {
      move(termId, Math.max(4, length * 2));
    }
    state.pool[(state.start[termId] as number) + length] = doc;
    state.length[termId] = length + 1;
  }
  function remove(termId: number, doc: number): void {
    const start = state.start[termId] ?? 0;
    const length = state.length[termId] ?? 0;
    const at = state.pool.subarray(start, start + length).indexOf(doc);
    if (at < 0) {
      return;
    }
    state.pool[start + at] = state.pool[start + length - 1] as number;
    state.length[termId] = length - 1;
  }
  function pack(): PackedPostings {
    const lengths = state.length.slice(0, lastUsed(state.length) + 1);
    const docs = new Int32Array(lengths.reduce((sum, n) => sum + n, 0));
    let at = 0;
    for (let t = 0; t < lengths.length; t += 1) {
      const start = state.start[t] as number;
      docs.set(state.pool.subarray(start, start + (lengths[t] as number)), at);
      at += lengths[t] as number;
    }
    return { lengths, docs };
  }
  return state;
}

function lastUsed(lengths: Int32Array): number {
  let last = lengths.length - 1;
  while (last >= 0 && lengths[last] === 0) {
    last -= 1;
  }
  return last;
}
