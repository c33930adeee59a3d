/**
 * Packing an arena's documents into flat arrays for a snapshot, and loading them back: coded
 * documents keep the packed arrays as one shared chunk (no copy), wide documents are put again.
 */
import { type Chunk, type DocArena, type DocTerms, frequencies } from './doc-arena.js';

/** Every stored document packed in document-number order (for snapshots). */
export interface PackedDocs {
  /** Terms per document number; -1 for a free number. */
  readonly lengths: Int32Array;
  /** 1 where the document keeps float64 frequencies. */
  readonly wideDocs: Uint8Array;
  readonly ids: Int32Array;
  /** One code per entry (0 for the entries of wide documents). */
  readonly codes: Uint8Array;
  /** The frequencies of the wide documents, in document order. */
  readonly wide: Float64Array;
}

/** Loads `packed` into an empty arena: coded documents share one chunk, wide ones are put. */
export function restoreDocs(
  packed: PackedDocs,
  chunks: Array<Chunk | undefined>,
  arena: DocArena,
  ensureDoc: (doc: number) => void,
  place: (doc: number, start: number, length: number) => void,
): void {
  const bulk: Chunk = { ids: packed.ids, codes: packed.codes, wide: undefined, used: 0, live: 0 };
  chunks.push(bulk);
  let wideAt = 0;
  for (let doc = 0; doc < packed.lengths.length; doc += 1) {
    const length = packed.lengths[doc] as number;
    if (length < 0) {
      continue;
    }
    ensureDoc(doc);
    if (packed.wideDocs[doc] === 1) {
      const ids = packed.ids.subarray(bulk.used, bulk.used + length);
      arena.put(doc, ids, packed.wide.subarray(wideAt, wideAt + length), length);
      wideAt += length;
    } else {
      place(doc, bulk.used, length);
      bulk.live += length;
    }
    bulk.used += length;
  }
}

/** Document numbers 0..slots-1 of an arena (through `view`) packed into flat arrays. */
export function packDocs(slots: number, view: (doc: number) => DocTerms | undefined): PackedDocs {
  const lengths = new Int32Array(slots).fill(-1);
  const wideDocs = new Uint8Array(slots);
  let entries = 0;
  let wideEntries = 0;
  for (let doc = 0; doc < slots; doc += 1) {
    const terms = view(doc);
    if (terms) {
      lengths[doc] = terms.end - terms.start;
      entries += terms.end - terms.start;
      wideDocs[doc] = terms.codes ? 0 : 1;
      wideEntries += terms.codes ? 0 : terms.end - terms.start;
    }
  }
  const packed = {
    lengths,
    wideDocs,
    ids: new Int32Array(entries),
    codes: new Uint8Array(entries),
    wide: new Float64Array(wideEntries),
  };
  let at = 0;
  let wideAt = 0;
  for (let doc = 0; doc < slots; doc += 1) {
    const terms = view(doc);
    if (terms) {
      packed.ids.set(terms.ids.subarray(terms.start, terms.end), at);
      if (terms.codes) {
        packed.codes.set(terms.codes.subarray(terms.start, terms.end), at);
      } else {
        packed.wide.set(frequencies(terms), wideAt);
        wideAt += terms.end - terms.start;
      }
      at += terms.end - terms.start;
    }
  }
  return packed;
}
