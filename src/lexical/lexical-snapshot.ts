/**
 * The lexical snapshot file (`<dataDir>/index/lexical.snapshot`): the whole in-memory lexical
 * index as a 120-byte header (magic, format version, store generation, CRC-32 of the rest, byte
 * length of each section) and twelve 8-byte-aligned sections read straight into typed arrays, so a
 * start restores 100,000 articles in a few reads instead of parsing every article's terms.
 * Written atomically (temp file, fsync, rename); a missing, torn, corrupt or other-version file
 * is reported as a reason, never a crash. It is a cache: the store stays the source of truth.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';
import { AppError } from '../errors.js';
import { commitAtomic } from '../vector-index/atomic-file.js';
import {
  ELEMENT_BYTES,
  fromSections,
  SECTION_KINDS,
  type Section,
  toSections,
} from './lexical-snapshot-format.js';
import { createLexicalIndex, type MemoryLexicalIndex } from './memory-lexical-index.js';

/** Bumped whenever the layout or the meaning of a section changes. */
export const LEXICAL_SNAPSHOT_VERSION = 3;
/** The snapshot's file name inside the index folder. */
export const LEXICAL_SNAPSHOT_FILE = 'lexical.snapshot';

const MAGIC = 'MLLEXSNP';
const HEADER_BYTES = 32 + 8 * SECTION_KINDS.length;

export type LexicalSnapshotLoad =
  | { readonly ok: true; readonly index: MemoryLexicalIndex; readonly generation: number }
  | { readonly ok: false; readonly reason: string };

/** Saves and loads the lexical snapshot of one data folder. */
export interface LexicalSnapshots {
  load(): LexicalSnapshotLoad;
  /** Writes `index` as reflecting store `generation`, atomically; throws STORAGE_FAILED. */
  save(index: MemoryLexicalIndex, generation: number): void;
}

/**
 * The lexical snapshot kept at `file`. A save at the generation this object last loaded or saved
 * is skipped while the file still names that generation: the same store state is on disk already.
 */
export function createLexicalSnapshots(file: string): LexicalSnapshots {
  let known: number | undefined;
  return {
    load() {
      const loaded = readLexicalSnapshot(file);
      known = loaded.ok ? loaded.generation : undefined;
      return loaded;
    },
    save(index, generation) {
      if (generation === known && generationOnDisk(file) === generation) {
        return;
      }
      try {
        writeLexicalSnapshot(file, index, generation);
        known = generation;
      } catch (error) {
        throw new AppError('STORAGE_FAILED', `Cannot write the lexical snapshot ${file}`, {
          cause: error,
        });
      }
    },
  };
}

/** Writes the state of `index` to `file` (atomically) as reflecting store `generation`. */
export function writeLexicalSnapshot(
  file: string,
  index: MemoryLexicalIndex,
  generation: number,
): void {
  const sections = toSections(index.pack()).map(bytesOf);
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt32LE(LEXICAL_SNAPSHOT_VERSION, 8);
  header.writeUInt32LE(SECTION_KINDS.length, 12);
  header.writeDoubleLE(generation, 16);
  header.writeUInt32LE(sections.reduce(crcOf, 0), 24);
  sections.forEach((bytes, i) => {
    header.writeDoubleLE(bytes.byteLength, 32 + 8 * i);
  });
  mkdirSync(dirname(file), { recursive: true });
  commitAtomic(file, (temp) => {
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, header);
      for (const bytes of sections) {
        writeSync(fd, bytes);
        writeSync(fd, new Uint8Array(padding(bytes.byteLength)));
      }
    } finally {
      closeSync(fd);
    }
  });
}

/** Reads `file` into a new index, or says why it cannot be used. */
export function readLexicalSnapshot(file: string): LexicalSnapshotLoad {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return { ok: false, reason: `there is no readable lexical snapshot at ${file}` };
  }
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    const size = fstatSync(fd).size;
    if (size < HEADER_BYTES || readFully(fd, header, 0) < HEADER_BYTES) {
      return { ok: false, reason: `the lexical snapshot is truncated (${size} bytes)` };
    }
    const problem = headerProblem(header, size);
    if (problem) {
      return { ok: false, reason: `the lexical snapshot ${problem}` };
    }
    const sections: Section[] = [];
    let position = HEADER_BYTES;
    let crc = 0;
    SECTION_KINDS.forEach((kind, i) => {
      const byteLength = header.readDoubleLE(32 + 8 * i);
      const section = allocate(kind, byteLength);
      readFully(fd, bytesOf(section), position);
      crc = crcOf(crc, bytesOf(section));
      sections.push(section);
      position += byteLength + padding(byteLength);
    });
    if (crc !== header.readUInt32LE(24)) {
      return { ok: false, reason: 'the lexical snapshot is corrupt (checksum differs)' };
    }
    const index = createLexicalIndex(fromSections(sections));
    return { ok: true, index, generation: header.readDoubleLE(16) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `the lexical snapshot is unusable (${detail})` };
  } finally {
    closeSync(fd);
  }
}

/** The generation named by the header of `file`, when it has a well-formed one of this size. */
function generationOnDisk(file: string): number | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const header = Buffer.alloc(HEADER_BYTES);
    const whole = readFully(fd, header, 0) === HEADER_BYTES;
    return whole && !headerProblem(header, fstatSync(fd).size)
      ? header.readDoubleLE(16)
      : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) {
      closeSync(fd);
    }
  }
}

/** Why `header` cannot describe a file of `size` bytes of this format, if it cannot. */
function headerProblem(header: Buffer, size: number): string | undefined {
  if (header.toString('latin1', 0, 8) !== MAGIC) {
    return 'is not a lexical snapshot (bad magic)';
  }
  const version = header.readUInt32LE(8);
  if (version !== LEXICAL_SNAPSHOT_VERSION) {
    return `has format version ${version}, this build reads version ${LEXICAL_SNAPSHOT_VERSION}`;
  }
  if (header.readUInt32LE(12) !== SECTION_KINDS.length) {
    return `has ${header.readUInt32LE(12)} sections, version ${version} has ${SECTION_KINDS.length}`;
  }
  let expected = HEADER_BYTES;
  for (let i = 0; i < SECTION_KINDS.length; i += 1) {
    const byteLength = header.readDoubleLE(32 + 8 * i);
    const kind = SECTION_KINDS[i] ?? 'json';
    if (!Number.isSafeInteger(byteLength) || byteLength % ELEMENT_BYTES[kind] !== 0) {
      return `has a malformed header (section ${i})`;
    }
    expected += byteLength + padding(byteLength);
  }
  return expected === size
    ? undefined
    : `is truncated or torn (${size} bytes, expected ${expected})`;
}

function allocate(kind: (typeof SECTION_KINDS)[number], byteLength: number): Section {
  const count = byteLength / ELEMENT_BYTES[kind];
  if (kind === 'int32') {
    return new Int32Array(count);
  }
  return kind === 'float64' ? new Float64Array(count) : new Uint8Array(count);
}

/** Reads `target.length` bytes at `position`; returns how many were read. */
function readFully(fd: number, target: Uint8Array, position: number): number {
  let done = 0;
  while (done < target.length) {
    const read = readSync(fd, target, done, target.length - done, position + done);
    if (read === 0) {
      break;
    }
    done += read;
  }
  return done;
}

function bytesOf(section: Section): Uint8Array {
  return new Uint8Array(section.buffer, section.byteOffset, section.byteLength);
}

/**
 * The running CRC-32 over one more section. Empty sections are skipped: zlib's crc32 returns 0,
 * not the running value, for an empty array over an empty buffer (which dropped every section
 * before an empty one from the checksum of format 1).
 */
function crcOf(crc: number, bytes: Uint8Array): number {
  return bytes.byteLength === 0 ? crc : crc32(bytes, crc);
}

function padding(byteLength: number): number {
  return (8 - (byteLength % 8)) % 8;
}
