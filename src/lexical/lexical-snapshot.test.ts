import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeText } from './analyze.js';
import type { LexicalIndex } from './lexical-index.js';
import {
  createLexicalSnapshots,
  LEXICAL_SNAPSHOT_VERSION,
  readLexicalSnapshot,
  writeLexicalSnapshot,
} from './lexical-snapshot.js';
import { createLexicalIndex, type MemoryLexicalIndex } from './memory-lexical-index.js';

const root = mkdtempSync(join(tmpdir(), 'morelike-lexsnap-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let files = 0;
function freshFile(): string {
  files += 1;
  return join(root, `snap-${files}`, 'lexical.snapshot');
}

const terms = (title: string, body = '') => analyzeText({ title, body });
const corpus: Record<string, Record<string, number>> = {
  storm: terms('Storm floods Kelvsby harbour', 'Coastguard evacuates Kelvsby as the storm hits.'),
  storm2: terms('Kelvsby harbour under water', 'The storm flooded Kelvsby; the coastguard helped.'),
  singer: terms('Singer announces world tour', 'The pop singer will play forty concerts.'),
  budget: terms('Minister presents budget', 'The finance minister wants lower taxes.'),
  odd: { kelvsbi: 1.1, storm: 3, tax: 0.25 },
  gone: terms('Harbour budget storm', 'A storm over the harbour budget.'),
};

function filled(): MemoryLexicalIndex {
  const index = createLexicalIndex();
  for (const [id, weights] of Object.entries(corpus)) {
    index.upsert(id, weights);
  }
  index.remove('gone');
  return index;
}

/** Every answer of `index` over the corpus: similarities, shared terms, candidates. */
function answers(index: LexicalIndex) {
  const ids = Object.keys(corpus);
  return ids.flatMap((a) => [
    index.query(corpus[a] ?? {}).candidates(10),
    ...ids.map((b) => [index.match(corpus[a] ?? {}, b), index.between(a, b)]),
  ]);
}

function saved(index = filled(), generation = 7): string {
  const file = freshFile();
  createLexicalSnapshots(file).save(index, generation);
  return file;
}

describe('lexical snapshot', () => {
  it('restores an index that answers exactly like the original, with its generation', () => {
    const original = filled();
    const loaded = readLexicalSnapshot(saved(original, 42));
    expect(loaded.ok && loaded.generation).toBe(42);
    const restored = loaded.ok ? loaded.index : createLexicalIndex();
    expect(restored.size()).toBe(original.size());
    expect(answers(restored)).toEqual(answers(original));
  });

  it('keeps answering like the original after the same later upserts and removes', () => {
    const original = filled();
    const loaded = readLexicalSnapshot(saved(original));
    const restored = loaded.ok ? loaded.index : createLexicalIndex();
    for (const index of [original, restored]) {
      index.upsert('gone', corpus.budget ?? {});
      index.upsert('storm2', corpus.singer ?? {});
      index.remove('singer');
      index.upsert('new', { kelvsbi: 2, harbour: 1.5, fresh: 0.7 });
    }
    expect(answers(restored)).toEqual(answers(original));
    expect(answers(restored)).toEqual(answers(filledAgain()));
  });

  it('round-trips an empty index', () => {
    const loaded = readLexicalSnapshot(saved(createLexicalIndex(), 0));
    expect(loaded.ok && loaded.index.size()).toBe(0);
  });

  it('reports a missing file', () => {
    const loaded = readLexicalSnapshot(join(root, 'nowhere', 'lexical.snapshot'));
    expect(loaded.ok || loaded.reason).toMatch(/no readable lexical snapshot/);
  });

  it('detects a truncated file', () => {
    const file = saved();
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 9));
    expect(reasonOf(file)).toMatch(/truncated/);
    writeFileSync(file, bytes.subarray(0, 20));
    expect(reasonOf(file)).toMatch(/truncated/);
  });

  it('detects a corrupt byte through the checksum', () => {
    const file = saved();
    const bytes = readFileSync(file);
    const at = Math.floor(bytes.length * 0.7);
    bytes[at] = (bytes[at] ?? 0) ^ 0x5a;
    writeFileSync(file, bytes);
    expect(reasonOf(file)).toMatch(/checksum differs/);
  });

  it('detects a corrupt byte in any section, also one before an empty section', () => {
    // Integer frequencies only: the sections of float64 frequencies are empty.
    const index = createLexicalIndex();
    index.upsert('a', { harbour: 2, storm: 1 });
    index.upsert('b', { budget: 1, storm: 3 });
    const file = freshFile();
    writeLexicalSnapshot(file, index, 3);
    const clean = readFileSync(file);
    const sectionCount = clean.readUInt32LE(12);
    const inSections: number[] = [];
    let position = 32 + 8 * sectionCount;
    for (let i = 0; i < sectionCount; i += 1) {
      const length = clean.readDoubleLE(32 + 8 * i);
      for (let at = position; at < position + length; at += 1) {
        inSections.push(at);
      }
      position += length + ((8 - (length % 8)) % 8);
    }
    expect(inSections.length).toBeGreaterThan(50);
    const undetected = inSections.filter((at) => {
      const bytes = Buffer.from(clean);
      bytes[at] = (bytes[at] ?? 0) ^ 0x01;
      writeFileSync(file, bytes);
      return readLexicalSnapshot(file).ok;
    });
    expect(undetected).toEqual([]);
  });

  it('refuses another format version and a file that is no snapshot', () => {
    const file = saved();
    const bytes = readFileSync(file);
    bytes.writeUInt32LE(LEXICAL_SNAPSHOT_VERSION + 1, 8);
    writeFileSync(file, bytes);
    expect(reasonOf(file)).toMatch(/format version/);
    writeFileSync(file, Buffer.alloc(4096, 7));
    expect(reasonOf(file)).toMatch(/not a lexical snapshot/);
  });

  it('replaces the previous snapshot as a whole', () => {
    const file = saved(filled(), 3);
    writeLexicalSnapshot(file, createLexicalIndex(), 9);
    const loaded = readLexicalSnapshot(file);
    expect(loaded.ok && [loaded.generation, loaded.index.size()]).toEqual([9, 0]);
  });

  it('reports STORAGE_FAILED when the snapshot cannot be written', () => {
    const blocker = join(root, 'a-file');
    writeFileSync(blocker, 'x');
    const snapshots = createLexicalSnapshots(join(blocker, 'lexical.snapshot'));
    expect(() => snapshots.save(filled(), 1)).toThrow(
      expect.objectContaining({ code: 'STORAGE_FAILED' }),
    );
  });
});

/** The corpus after the edits of the later-changes test, built from scratch. */
function filledAgain(): MemoryLexicalIndex {
  const index = filled();
  index.upsert('gone', corpus.budget ?? {});
  index.upsert('storm2', corpus.singer ?? {});
  index.remove('singer');
  index.upsert('new', { kelvsbi: 2, harbour: 1.5, fresh: 0.7 });
  return index;
}

function reasonOf(file: string): string {
  const loaded = readLexicalSnapshot(file);
  return loaded.ok ? 'loaded' : loaded.reason;
}
