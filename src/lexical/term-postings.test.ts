import { describe, expect, it } from 'vitest';
import { createTermPostings } from './term-postings.js';

const name = (doc: number) => `d${String(doc).padStart(3, '0')}`;

describe('createTermPostings', () => {
  it('ranks documents by summed seed weight, then by id', () => {
    const postings = createTermPostings(name);
    for (const doc of [1, 2, 3]) {
      postings.add(7, doc);
    }
    postings.add(8, 3);
    postings.add(8, 2);
    const seeds = [
      { termId: 7, weight: 1 },
      { termId: 8, weight: 2 },
    ];
    expect(postings.candidates(seeds, 100, 10).map(name)).toEqual(['d002', 'd003', 'd001']);
    expect(postings.candidates(seeds, 100, 1).map(name)).toEqual(['d002']);
  });

  it('keeps every list intact while lists grow, move and shrink', () => {
    const postings = createTermPostings(name);
    for (let doc = 0; doc < 300; doc += 1) {
      postings.add(doc % 3, doc);
    }
    for (let doc = 0; doc < 300; doc += 2) {
      postings.delete(doc % 3, doc);
    }
    const packed = postings.pack();
    expect(Array.from(packed.lengths)).toEqual([50, 50, 50]);
    const docsOfTerm1 = packed.docs.subarray(50, 100);
    // Term 1 keeps the odd documents that are 1 modulo 3: 1, 7, 13, ...
    expect([...docsOfTerm1].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => 6 * i + 1),
    );
  });

  it('answers like the original after a pack and restore, and keeps taking changes', () => {
    const postings = createTermPostings(name);
    for (let doc = 0; doc < 40; doc += 1) {
      postings.add(doc % 5, doc);
      postings.add(5 + (doc % 7), doc);
    }
    const restored = createTermPostings(name, postings.pack());
    const seeds = [0, 5, 6].map((termId) => ({ termId, weight: termId + 1 }));
    expect(restored.candidates(seeds, 40, 6)).toEqual(postings.candidates(seeds, 40, 6));
    for (const copy of [postings, restored]) {
      copy.add(0, 99);
      copy.delete(5, 0);
    }
    expect(restored.candidates(seeds, 40, 40)).toEqual(postings.candidates(seeds, 40, 40));
  });

  it('never lets a term without postings take a seed place', () => {
    const postings = createTermPostings(name);
    postings.add(1, 4);
    postings.delete(1, 4);
    postings.add(2, 5);
    const seeds = Array.from({ length: 21 }, (_, i) => ({ termId: i === 20 ? 2 : 1, weight: 1 }));
    expect(postings.candidates(seeds, 10, 5).map(name)).toEqual(['d005']);
  });
});
