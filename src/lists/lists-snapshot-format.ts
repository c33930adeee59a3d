/**
 * The byte layout of the lists snapshot (version 4). One header line (JSON, padded with spaces so
 * that the body starts at a multiple of 8 bytes), then five sections: every list's scores
 * (float64), every list's compact pool (int32), the end offset of each interned string (int32),
 * the interned strings (UTF-8, back to back) and each list's source fields (JSON). The numeric
 * sections come first and stay aligned, so a loaded file is used in place: each pool is a view
 * of the file's bytes (nothing copied), and a string is decoded only when it is asked for.
 */
import type { SavedList, SavedLists } from '../recommend/materialised-lists.js';
import type { StringTable } from '../recommend/pool-codec.js';

/** Bumped whenever the layout or the meaning of a field changes. */
export const LISTS_SNAPSHOT_VERSION = 4;
export const LISTS_MAGIC = 'morelike-lists';

/** The header line's fields. */
export interface ListsHeader {
  readonly magic: string;
  readonly version: number;
  readonly generation: number;
  readonly background: SavedLists['background'];
  readonly lists: number;
  /** Byte sizes of the five sections, in order. */
  readonly sections: readonly number[];
  /** SHA-256 (hex) of the body. */
  readonly sha256: string;
}

/** One list's fields in the meta section: id, title, language, publishedAt, stats, ints, floats. */
type ListMeta = [string, string, string | null, string | null, string, number, number];

/** The body's sections for `lists`. */
export function encodeBody(lists: SavedLists): Buffer[] {
  const meta: ListMeta[] = lists.lists.map(({ id, packed, stats }) => [
    id,
    packed.source.title,
    packed.source.language ?? null,
    packed.source.publishedAt ?? null,
    stats,
    packed.ints.length,
    packed.scores.length,
  ]);
  const floats = concat(
    Float64Array,
    lists.lists.map((list) => list.packed.scores),
  );
  const ints = concat(
    Int32Array,
    lists.lists.map((list) => list.packed.ints),
  );
  const texts = Array.from({ length: lists.strings.count }, (_, n) => lists.strings.text(n));
  const ends = new Int32Array(texts.length);
  let end = 0;
  for (const [n, text] of texts.entries()) {
    end += Buffer.byteLength(text);
    ends[n] = end;
  }
  return [
    bytesOf(floats),
    bytesOf(ints),
    bytesOf(ends),
    Buffer.from(texts.join('')),
    Buffer.from(JSON.stringify(meta)),
  ];
}

/** The header line for `body`, padded so that the body starts 8-byte aligned. */
export function headerLine(header: ListsHeader): Buffer {
  const line = JSON.stringify(header);
  const padding = (8 - ((Buffer.byteLength(line) + 1) % 8)) % 8;
  return Buffer.from(`${line}${' '.repeat(padding)}\n`);
}

/**
 * The lists held by `body` (8-byte aligned), as views of it. Throws when the sections do not
 * add up (a torn or foreign file).
 */
export function decodeBody(header: ListsHeader, body: Uint8Array): SavedLists {
  const [floatBytes = 0, intBytes = 0, endBytes = 0, stringBytes = 0, metaBytes = 0] =
    header.sections;
  const view = <T>(
    Kind: new (b: ArrayBufferLike, o: number, l: number) => T,
    at: number,
    n: number,
  ) => new Kind(body.buffer, body.byteOffset + at, n);
  const floats = view(Float64Array, 0, floatBytes / 8);
  const ints = view(Int32Array, floatBytes, intBytes / 4);
  const ends = view(Int32Array, floatBytes + intBytes, endBytes / 4);
  const textAt = floatBytes + intBytes + endBytes;
  const texts = Buffer.from(body.buffer, body.byteOffset + textAt, stringBytes);
  const metaAt = textAt + stringBytes;
  const meta = JSON.parse(Buffer.from(body.buffer, body.byteOffset + metaAt, metaBytes).toString());
  const lists = listsOf(meta as ListMeta[], floats, ints);
  const strings: StringTable = {
    count: ends.length,
    text: (n) => texts.toString('utf8', n === 0 ? 0 : (ends[n - 1] as number), ends[n] as number),
  };
  return { generation: header.generation, background: header.background, strings, lists };
}

function listsOf(meta: readonly ListMeta[], floats: Float64Array, ints: Int32Array): SavedList[] {
  let intAt = 0;
  let floatAt = 0;
  const lists = meta.map(([id, title, language, publishedAt, stats, intCount, floatCount]) => {
    const packed = {
      source: { id, title, language: language ?? undefined, publishedAt: publishedAt ?? undefined },
      ints: ints.subarray(intAt, intAt + intCount),
      scores: floats.subarray(floatAt, floatAt + floatCount),
    };
    intAt += intCount;
    floatAt += floatCount;
    return { id, packed, stats };
  });
  if (intAt !== ints.length || floatAt !== floats.length) {
    throw new Error('the pools do not fill their sections');
  }
  return lists;
}

function bytesOf(array: Int32Array | Float64Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

function concat<T extends Int32Array | Float64Array>(
  Kind: { new (length: number): T },
  parts: readonly T[],
): T {
  const all = new Kind(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}
