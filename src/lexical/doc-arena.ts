/**
 * Compact storage of every document's terms for the lexical index: each document is a run of
 * term ids (ascending) and term frequencies inside large shared chunks, so 100,000 articles of
 * ~130 terms cost a few typed arrays rather than millions of object properties. Analysed
 * frequencies are multiples of 0.5, so they are kept as one byte (`code = 2 * tf`, 0..255); a
 * document with any other frequency keeps all of its frequencies as float64 in a chunk of its
 * own, so every computation sees the very value that was stored.
 */

import { type PackedDocs, packDocs, restoreDocs } from './doc-arena-pack.js';
import { grownInts } from './grow.js';

export type { PackedDocs } from './doc-arena-pack.js';

/** Entries per shared chunk (ids and codes: 5 MB). */
const CHUNK_ENTRIES = 1 << 20;

/** One document's terms: `ids[start..end)` ascending, frequencies at the same positions. */
export interface DocTerms {
  readonly ids: Int32Array;
  /** Frequency codes (tf = code / 2), or undefined when `wide` holds the frequencies. */
  readonly codes: Uint8Array | undefined;
  /** Frequencies as stored, when they are not all codes. */
  readonly wide: Float64Array | undefined;
  readonly start: number;
  readonly end: number;
}

/** A shared run of entries (exactly one of `codes` and `wide` is set). */
export interface Chunk {
  readonly ids: Int32Array;
  readonly codes: Uint8Array | undefined;
  readonly wide: Float64Array | undefined;
  used: number;
  live: number;
}

/** Document number -> terms; document numbers are chosen by the caller (small integers). */
export interface DocArena {
  /** Stores `count` terms of `doc` (ids ascending); `doc` must not be stored already. */
  put(doc: number, ids: Int32Array, tfs: Float64Array, count: number): void;
  free(doc: number): void;
  view(doc: number): DocTerms | undefined;
  /** Document numbers 0..slots-1 packed (numbers not stored are free). */
  pack(slots: number): PackedDocs;
}

/** The frequency of entry `i` of `terms`. */
export function tfAt(terms: DocTerms, i: number): number {
  return terms.codes ? (terms.codes[i] as number) / 2 : (terms.wide?.[i] as number);
}

/** Creates an arena, empty or holding `packed` (taken over, not copied). */
export function createDocArena(packed?: PackedDocs): DocArena {
  const chunks: Array<Chunk | undefined> = [];
  let current: Chunk | undefined;
  let docChunk = new Int32Array(1024).fill(-1);
  let docStart: Int32Array = new Int32Array(1024);
  let docLength: Int32Array = new Int32Array(1024);
  let garbage = 0;

  const ensureDoc = (doc: number) => {
    if (doc < docChunk.length) {
      return;
    }
    const capacity = Math.max(doc + 1, docChunk.length * 2);
    const grownChunk = new Int32Array(capacity).fill(-1);
    grownChunk.set(docChunk);
    docChunk = grownChunk;
    docStart = grownInts(docStart, capacity);
    docLength = grownInts(docLength, capacity);
  };

  const place = (count: number, coded: boolean): number => {
    if (!coded || count > CHUNK_ENTRIES / 4) {
      return addChunk(chunks, newChunk(count, coded));
    }
    if (!current || current.used + count > CHUNK_ENTRIES) {
      current = newChunk(CHUNK_ENTRIES, true);
      return addChunk(chunks, current);
    }
    return chunks.indexOf(current);
  };

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
        const terms = { ...chunk, start, end: start + (docLength[doc] ?? 0) };
        docChunk[doc] = -1;
        arena.put(doc, chunk.ids.subarray(start, terms.end), frequencies(terms), terms.end - start);
      }
    }
  };

  const arena: DocArena = {
    put(doc, ids, tfs, count) {
      ensureDoc(doc);
      const coded = isCodable(tfs, count);
      const index = place(count, coded);
      const chunk = chunks[index] as Chunk;
      chunk.ids.set(ids.subarray(0, count), chunk.used);
      if (chunk.codes) {
        for (let i = 0; i < count; i += 1) {
          chunk.codes[chunk.used + i] = (tfs[i] as number) * 2;
        }
      } else {
        chunk.wide?.set(tfs.subarray(0, count), chunk.used);
      }
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
      const end = start + (docLength[doc] ?? 0);
      return { ids: chunk.ids, codes: chunk.codes, wide: chunk.wide, start, end };
    },
    pack: (slots) => packDocs(slots, arena.view),
  };
  if (packed) {
    restoreDocs(packed, chunks, arena, ensureDoc, (doc, start, length) => {
      docChunk[doc] = 0;
      docStart[doc] = start;
      docLength[doc] = length;
    });
  }
  return arena;
}

/** The frequencies of one document as float64 values. */
export function frequencies(terms: DocTerms): Float64Array {
  const tfs = new Float64Array(terms.end - terms.start);
  for (let i = terms.start; i < terms.end; i += 1) {
    tfs[i - terms.start] = tfAt(terms, i);
  }
  return tfs;
}

function newChunk(entries: number, coded: boolean): Chunk {
  const ids = new Int32Array(entries);
  return coded
    ? { ids, codes: new Uint8Array(entries), wide: undefined, used: 0, live: 0 }
    : { ids, codes: undefined, wide: new Float64Array(entries), used: 0, live: 0 };
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

/** True when every frequency is a multiple of 0.5 in 0..127.5 (then `2 * tf` is its code). */
function isCodable(values: Float64Array, count: number): boolean {
  for (let i = 0; i < count; i += 1) {
    const code = (values[i] as number) * 2;
    if (!(code >= 0 && code <= 255 && Number.isInteger(code))) {
      return false;
    }
  }
  return true;
}
