/**
 * Which lists depend on which articles, kept as one flat Int32Array of interned ids (each list a
 * range of it), so the lists that depend on an article are found by one scan of contiguous memory
 * (a few milliseconds for 100,000 lists, where walking 100,000 separate pools took about 100 ms
 * per write) and there is no reverse map to keep in step. A replaced list reuses its range when
 * the new ids fit, else takes a new one at the end; when the end is reached the arena is compacted,
 * and doubled when more than half of it is in use. Lists loaded from a snapshot keep their ids
 * where they are (`keep`: two ranges of the snapshot's bytes, used in place), so a restart copies
 * none of them (about 40 MB and a few hundred milliseconds at 100,000 lists).
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
  /** Forgets `list`. */
  delete(list: string): void;
  /** The lists that depend on interned id `n`. */
  dependents(n: number): string[];
}

const EMPTY = new Int32Array(0);

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
      for (let slot = 0; slot < names.length; slot += 1) {
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

function grown(array: Int32Array<ArrayBuffer>, atLeast: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(Math.max(atLeast, 2 * array.length));
  next.set(array);
  return next;
}
