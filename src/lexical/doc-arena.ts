/**
 * Compact storage of every document's terms for the lexical index: each document is a run of
 * term ids (ascending) and term frequencies inside large shared chunks, so 100,000 articles of
 * ~200 terms cost a few typed arrays rather than millions of object properties. Frequencies are
 * kept as float32 when that is exact (analysed weights are multiples of 0.5) and as float64
 * otherwise, so every computation sees the very value that was stored.
 */

/** Entries per shared chunk (ids and frequencies: 8 MB). */
const CHUNK_ENTRIES = 1 << 20;

/** One document's terms: `ids[start..end)` ascending, frequencies at the same positions. */
export interface DocTerms {
  readonly ids: Int32Array;
  readonly tfs: Float32Array | Float64Array;
  readonly start: number;
  readonly end: number;
}

interface Chunk {
  readonly ids: Int32Array;
  readonly tfs: Float32Array | Float64Array;
  used: number;
  live: number;
}

/** Document number -> terms; document numbers are chosen by the caller (small integers). */
export interface DocArena {
  /** Stores `count` terms of `doc` (ids ascending); `doc` must not be stored already. */
  put(doc: number, ids: Int32Array, tfs: Float64Array, count: number): void;
  free(doc: number): void;
  view(doc: number): DocTerms | undefined;
}

/** Creates an empty arena. */
export function createDocArena(): DocArena {
  const chunks: Array<Chunk | undefined> = [];
  let current: Chunk | undefined;
  let docChunk = new Int32Array(1024).fill(-1);
  let docStart = new Int32Array(1024);
  let docLength = new Int32Array(1024);

  const ensureDoc = (doc: number) => {
    if (doc < docChunk.length) {
      return;
    }
    const capacity = Math.max(doc + 1, docChunk.length * 2);
    const grownChunk = new Int32Array(capacity).fill(-1);
    grownChunk.set(docChunk);
    docChunk = grownChunk;
    docStart = grow(docStart, capacity);
    docLength = grow(docLength, capacity);
  };

  const place = (count: number, exact: boolean): number => {
    if (!exact || count > CHUNK_ENTRIES / 4) {
      const tfs = exact ? new Float32Array(count) : new Float64Array(count);
      return addChunk(chunks, { ids: new Int32Array(count), tfs, used: 0, live: 0 });
    }
    if (!current || current.used + count > CHUNK_ENTRIES) {
      current = {
        ids: new Int32Array(CHUNK_ENTRIES),
        tfs: new Float32Array(CHUNK_ENTRIES),
        used: 0,
        live: 0,
      };
      return addChunk(chunks, current);
    }
    return chunks.indexOf(current);
  };

  let garbage = 0;
  const live = () => chunks.reduce((sum, chunk) => sum + (chunk?.live ?? 0), 0);

  /** Copies every stored document into fresh chunks, leaving the garbage of updates behind. */
  const compact = () => {
    const old = chunks.splice(0);
    current = undefined;
    garbage = 0;
    for (let doc = 0; doc < docChunk.length; doc += 1) {
      const chunk = old[docChunk[doc] ?? -1];
      if (chunk) {
        const start = docStart[doc] ?? 0;
        const end = start + (docLength[doc] ?? 0);
        const tfs = Float64Array.from(chunk.tfs.subarray(start, end));
        docChunk[doc] = -1;
        arena.put(doc, chunk.ids.subarray(start, end), tfs, end - start);
      }
    }
  };

  const arena: DocArena = {
    put(doc, ids, tfs, count) {
      ensureDoc(doc);
      const index = place(count, isFloat32Exact(tfs, count));
      const chunk = chunks[index] as Chunk;
      chunk.ids.set(ids.subarray(0, count), chunk.used);
      chunk.tfs.set(tfs.subarray(0, count), chunk.used);
      docChunk[doc] = index;
      docStart[doc] = chunk.used;
      docLength[doc] = count;
      chunk.used += count;
      chunk.live += count;
    },
    free(doc) {
      const index = docChunk[doc] ?? -1;
      const chunk = chunks[index];
      if (!chunk) {
        return;
      }
      chunk.live -= docLength[doc] ?? 0;
      garbage += docLength[doc] ?? 0;
      docChunk[doc] = -1;
      // A chunk whose documents are all gone is dropped; the open chunk stays for new documents.
      if (chunk.live === 0 && chunk !== current) {
        chunks[index] = undefined;
        garbage -= chunk.used;
      }
      if (garbage > CHUNK_ENTRIES && garbage > live()) {
        compact();
      }
    },
    view(doc) {
      const chunk = chunks[docChunk[doc] ?? -1];
      if (!chunk) {
        return undefined;
      }
      const start = docStart[doc] ?? 0;
      return { ids: chunk.ids, tfs: chunk.tfs, start, end: start + (docLength[doc] ?? 0) };
    },
  };
  return arena;
}

function addChunk(chunks: Array<Chunk | undefined>, chunk: Chunk): number {
  const hole = chunks.indexOf(undefined);
  if (hole >= 0) {
    chunks[hole] = chunk;
    return hole;
  }
  chunks.push(chunk);
  return chunks.length - 1;
}

function grow(array: Int32Array, capacity: number): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(capacity);
  grown.set(array);
  return grown;
}

function isFloat32Exact(values: Float64Array, count: number): boolean {
  for (let i = 0; i < count; i += 1) {
    const value = values[i] as number;
    if (Math.fround(value) !== value) {
      return false;
    }
  }
  return true;
}
