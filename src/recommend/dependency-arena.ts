/**
 * Which lists depend on which articles, kept as one flat Int32Array of interned ids (each list a
 * range of it), so the lists that depend on an article are found by one scan of contiguous memory
 * (a few milliseconds for 100,000 lists, where walking 100,000 separate pools took about 100 ms
 * per write) and there is no reverse map to keep in step. A replaced list reuses its range when
 * the new ids fit, else takes a new one at the end; when the end is reached the arena is compacted,
 * and doubled when more than half of it is in use. Lists loaded from a snapshot keep their ids
 * where they are (`keep`: two ranges of the snapshot's bytes, used in place), so a restart copies
 * none of them (about 40 MB and a few hundred milliseconds at 100,000 lists). Each list also keeps
 * a 512-bit signature of its ids (one bit per id, by a hash), so the scan skips the ~85% of lists
 * whose signature rules the id out without reading their ids (about 2.5 ms a write at 100,000
 * lists instead of ~10 ms).
 */

/** The dependency ranges of every list. */
export interface DependencyArena {
  /** Sets the ids (interned numbers) the list `list` depends on: `ids`, then `more`. */
  set(list: string, ids: Int32Array, more?: Int32Array): void;
  /**
   * Sets the ids of `list` to two ranges of `ints` (`[headAt, headAt + headLength)` and the last
   * `tailLength`), kept in place when `ints` is a view of the buffer every kept list shares (the
   * first kept list's), else copied as `set` does. The caller never changes kept ids.
   */
  keep(
    list: string,
    ints: Int32Array,
    headAt: number,
    headLength: number,
    tailLength: number,
  ): void;
  /**
   * Works out the signatures of `count` more kept lists (kept lists are read whole until then, so
   * a restart does not wait for them); true when none is left.
   */
  warm(count: number): boolean;
  /** Forgets `list`. */
  delete(list: string): void;
  /** The lists that depend on interned id `n`. */
  dependents(n: number): string[];
}

const EMPTY = new Int32Array(0);
/** 32-bit words of a list's signature (512 bits: about 15% of them set by 80 ids). */
const WORDS = 16;

/** The signature bit of interned id `n` (a multiplicative hash, so nearby ids spread). */
function bitOf(n: number): number {
  return Math.imul(n, 0x9e3779b1) >>> 23;
}

/** Creates an empty arena. */
export function createDependencyArena(): DependencyArena {
  const slotOf = new Map<string, number>();
  const names: Array<string | undefined> = [];
  const freeSlots: number[] = [];
  let starts = new Int32Array(1024);
  let lengths = new Int32Array(1024);
  let capacities = new Int32Array(1024);
  let data = new Int32Array(1 << 16);
  let used = 0;
  let live = 0;
  // Kept lists: [head start, head length, tail start, tail length] per slot, into `base`.
  let base: Int32Array | undefined;
  let kept = new Int32Array(4 * 1024);
  /** Word-major (word w of slot s at w * starts.length + s), so a scan reads one word a list. */
  let signatures = new Int32Array(1024 * WORDS);
  /** Kept lists whose signature is not worked out yet (all its bits set meanwhile). */
  let unsigned = new Uint8Array(1024);
  /** Where `warm` goes on from: no unsigned slot before it. */
  let cursor = 0;

  const slotFor = (list: string): number => {
    const known = slotOf.get(list);
    if (known !== undefined) {
      return known;
    }
    const slot = freeSlots.pop() ?? names.length;
    if (slot >= starts.length) {
      starts = grown(starts, slot + 1);
      lengths = grown(lengths, slot + 1);
      capacities = grown(capacities, slot + 1);
      kept = grown(kept, 4 * (slot + 1));
      signatures = regrouped(signatures, starts.length);
      unsigned = grownBytes(unsigned, starts.length);
    }
    names[slot] = list;
    slotOf.set(list, slot);
    return slot;
  };
  const compact = (need: number) => {
    const wanted = live + need;
    const next = new Int32Array(Math.max(2 * wanted, data.length));
    let at = 0;
    for (let slot = 0; slot < names.length; slot += 1) {
      const length = lengths[slot] as number;
      next.set(data.subarray(starts[slot], (starts[slot] as number) + length), at);
      starts[slot] = at;
      capacities[slot] = length;
      at += length;
    }
    data = next;
    used = at;
  };
  const take = (length: number): number => {
    if (used + length > data.length) {
      compact(length);
    }
    used += length;
    return used - length;
  };

  /** Clears the signature of `slot`. */
  const unsign = (slot: number, fill = 0) => {
    unsigned[slot] = fill === 0 ? 0 : 1;
    for (let word = 0; word < WORDS; word += 1) {
      signatures[word * starts.length + slot] = fill;
    }
  };
  const signKept = (slot: number) => {
    const k = 4 * slot;
    unsign(slot);
    if (base) {
      sign(slot, base, kept[k] as number, kept[k + 1] as number);
      sign(slot, base, kept[k + 2] as number, kept[k + 3] as number);
    }
  };
  /** Adds the ids `array[start, start + length)` to the signature of `slot`. */
  const sign = (slot: number, array: Int32Array, start: number, length: number) => {
    const stride = starts.length;
    for (let i = start; i < start + length; i += 1) {
      const bit = bitOf(array[i] as number);
      const at = (bit >>> 5) * stride + slot;
      signatures[at] = (signatures[at] as number) | (1 << (bit & 31));
    }
  };
  const release = (slot: number) => {
    live -= lengths[slot] as number;
    lengths[slot] = 0;
    capacities[slot] = 0;
    kept.fill(0, 4 * slot, 4 * slot + 4);
  };

  const arena: DependencyArena = {
    set(list, ids, more = EMPTY) {
      const slot = slotFor(list);
      kept.fill(0, 4 * slot, 4 * slot + 4);
      const length = ids.length + more.length;
      live += length - (lengths[slot] as number);
      if (length > (capacities[slot] as number)) {
        lengths[slot] = 0;
        starts[slot] = take(length);
        capacities[slot] = length;
      }
      const start = starts[slot] as number;
      data.set(ids, start);
      data.set(more, start + ids.length);
      lengths[slot] = length;
      unsign(slot);
      sign(slot, data, start, length);
    },
    keep(list, ints, headAt, headLength, tailLength) {
      base ??= new Int32Array(ints.buffer, 0, ints.buffer.byteLength >> 2);
      const at = ints.byteOffset >> 2;
      if (ints.buffer !== base.buffer) {
        const head = ints.subarray(headAt, headAt + headLength);
        arena.set(list, head, ints.subarray(ints.length - tailLength));
        return;
      }
      const slot = slotFor(list);
      release(slot);
      const k = 4 * slot;
      kept[k] = at + headAt;
      kept[k + 1] = headLength;
      kept[k + 2] = at + ints.length - tailLength;
      kept[k + 3] = tailLength;
      unsign(slot, -1);
      cursor = Math.min(cursor, slot);
    },
    warm(count) {
      for (let done = 0; cursor < names.length && done < count; cursor += 1) {
        if (unsigned[cursor] === 1) {
          signKept(cursor);
          done += 1;
        }
      }
      return cursor >= names.length;
    },
    delete(list) {
      const slot = slotOf.get(list);
      if (slot !== undefined) {
        release(slot);
        names[slot] = undefined;
        slotOf.delete(list);
        freeSlots.push(slot);
      }
    },
    dependents(n) {
      const found: string[] = [];
      const bit = bitOf(n);
      const word = (bit >>> 5) * starts.length;
      const mask = 1 << (bit & 31);
      for (let slot = 0; slot < names.length; slot += 1) {
        if (((signatures[word + slot] as number) & mask) === 0) {
          continue;
        }
        const start = starts[slot] as number;
        if (holds(data, start, lengths[slot] as number, n) || (base && holdsKept(base, slot, n))) {
          found.push(names[slot] as string);
        }
      }
      return found;
    },
  };
  const holdsKept = (within: Int32Array, slot: number, n: number) => {
    const k = 4 * slot;
    return (
      holds(within, kept[k] as number, kept[k + 1] as number, n) ||
      holds(within, kept[k + 2] as number, kept[k + 3] as number, n)
    );
  };
  return arena;
}

function holds(array: Int32Array, start: number, length: number, n: number): boolean {
  const end = start + length;
  for (let i = start; i < end; i += 1) {
    if (array[i] === n) {
      return true;
    }
  }
  return false;
}

/** Word-major signatures laid out again for `stride` slots a word. */
function regrouped(signatures: Int32Array<ArrayBuffer>, stride: number): Int32Array<ArrayBuffer> {
  const before = signatures.length / WORDS;
  const next = new Int32Array(stride * WORDS);
  for (let word = 0; word < WORDS; word += 1) {
    next.set(signatures.subarray(word * before, (word + 1) * before), word * stride);
  }
  return next;
}

function grownBytes(array: Uint8Array<ArrayBuffer>, atLeast: number): Uint8Array<ArrayBuffer> {
  const next = new Uint8Array(atLeast);
  next.set(array);
  return next;
}

function grown(array: Int32Array<ArrayBuffer>, atLeast: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(Math.max(atLeast, 2 * array.length));
  next.set(array);
  return next;
}
