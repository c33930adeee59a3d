/**
 * Three-word shingles of a text, as a sorted set of 53-bit hashes: the near-duplicate test's view
 * of an article's word sequences. Hashing makes a set small (8 bytes a shingle) and its overlap a
 * linear merge, so one article's shingles can be worked out once and kept (the article cache does)
 * instead of re-reading and re-splitting its body for every pair it is tested in. Two different
 * shingles share a hash with a chance of about 2^-53 per pair: the overlap is exact in practice.
 */

/** An article's shingle hashes, ascending, each once. */
export type Shingles = Float64Array;

const WORD = /[\p{L}\p{N}]+/gu;

/** The three-word shingles of `text` (lower-cased words of letters and digits). */
export function shinglesOf(text: string): Shingles {
  const words = text.toLowerCase().match(WORD) ?? [];
  const hashes = new Float64Array(Math.max(0, words.length - 2));
  for (let i = 2; i < words.length; i += 1) {
    hashes[i - 2] = hash53(`${words[i - 2]} ${words[i - 1]} ${words[i]}`);
  }
  hashes.sort();
  return unique(hashes);
}

/** Jaccard similarity of two shingle sets, 0..1 (0 when either is empty). */
export function shingleOverlap(a: Shingles, b: Shingles): number {
  if (a.length === 0 || b.length === 0) {
    return 0;
  }
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared += 1;
      i += 1;
      j += 1;
    } else if (x < y) {
      i += 1;
    } else {
      j += 1;
    }
  }
  return shared / (a.length + b.length - shared);
}

function unique(sorted: Float64Array): Float64Array {
  let kept = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    if (kept === 0 || sorted[i] !== sorted[kept - 1]) {
      sorted[kept] = sorted[i] as number;
      kept += 1;
    }
  }
  return sorted.subarray(0, kept);
}

/** cyrb53 (public domain): a fast 53-bit string hash with good spread. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
