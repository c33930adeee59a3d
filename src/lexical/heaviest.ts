/**
 * Which terms of a document enter the inverted index: its POSTED_TERMS heaviest by frequency,
 * ties broken by the term that sorts first, so the choice never depends on term ids.
 */
import { type DocTerms, tfAt } from './doc-arena.js';
import { POSTED_TERMS } from './term-postings.js';

/** Scratch for `heaviest` (a document's frequencies, sorted). */
let sortScratch = new Float64Array(512);

/** The POSTED_TERMS heaviest terms of `doc` (ties: the term that sorts first), as term ids. */
export function heaviest(doc: DocTerms, terms: readonly string[]): number[] {
  const { ids, start, end } = doc;
  const count = end - start;
  if (count <= POSTED_TERMS) {
    return Array.from(ids.subarray(start, end));
  }
  if (sortScratch.length < count) {
    sortScratch = new Float64Array(count * 2);
  }
  const sorted = sortScratch.subarray(0, count);
  for (let i = start; i < end; i += 1) {
    sorted[i - start] = tfAt(doc, i);
  }
  const threshold = sorted.sort()[count - POSTED_TERMS] as number;
  const above: number[] = [];
  const tied: number[] = [];
  for (let i = start; i < end; i += 1) {
    const tf = tfAt(doc, i);
    if (tf > threshold) {
      above.push(ids[i] as number);
    } else if (tf === threshold) {
      tied.push(ids[i] as number);
    }
  }
  tied.sort((a, b) => ((terms[a] as string) < (terms[b] as string) ? -1 : 1));
  return above.concat(tied.slice(0, POSTED_TERMS - above.length));
}
