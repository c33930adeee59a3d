/**
 * Term ids looked up by a span of a longer string (the stored terms' JSON text), so building the
 * lexical index from stored text makes no string per term it already knows: at 100,000 articles
 * that is 13 million lookups of 53,000 stems, where hashing a new substring for a Map cost more
 * than the rest of the build. Open addressing over FNV-1a hashes of the UTF-16 code units; a hit
 * is confirmed by comparing the code units.
 */

/** Ids by term, where a term can be looked up by its place in a longer string. */
export interface TermSpanTable {
  /** The id of `text.slice(from, to)`, or -1 when it has none. */
  find(text: string, from: number, to: number): number;
  /** Records `term` under `id` (a term not in the table). */
  add(term: string, id: number): void;
}

/** FNV-1a over the code units of `text` from `from` to `to`. */
function hashOf(text: string, from: number, to: number): number {
  let hash = 0x811c9dc5;
  for (let i = from; i < to; i += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return hash;
}

function sameSpan(term: string, text: string, from: number): boolean {
  for (let i = 0; i < term.length; i += 1) {
    if (term.charCodeAt(i) !== text.charCodeAt(from + i)) {
      return false;
    }
  }
  return true;
}

/** An empty table naming terms through `termOf` (the vocabulary's own list). */
export function createTermSpanTable(termOf: (id: number) => string): TermSpanTable {
  let ids = new Int32Array(1 << 12).fill(-1);
  let hashes = new Int32Array(ids.length);
  let size = 0;
  const place = (hash: number, id: number) => {
    const mask = ids.length - 1;
    let slot = hash & mask;
    while (ids[slot] !== -1) {
      slot = (slot + 1) & mask;
    }
    ids[slot] = id;
    hashes[slot] = hash;
  };
  const grow = () => {
    const oldIds = ids;
    const oldHashes = hashes;
    ids = new Int32Array(oldIds.length * 2).fill(-1);
    hashes = new Int32Array(ids.length);
    oldIds.forEach((id, slot) => {
      if (id !== -1) {
        place(oldHashes[slot] as number, id);
      }
    });
  };
  return {
    find(text, from, to) {
      const hash = hashOf(text, from, to);
      const mask = ids.length - 1;
      for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
        const id = ids[slot] as number;
        if (id === -1) {
          return -1;
        }
        if (hashes[slot] === hash) {
          const term = termOf(id);
          if (term.length === to - from && sameSpan(term, text, from)) {
            return id;
          }
        }
      }
    },
    add(term, id) {
      if ((size + 1) * 2 > ids.length) {
        grow();
      }
      place(hashOf(term, 0, term.length), id);
      size += 1;
    },
  };
}
