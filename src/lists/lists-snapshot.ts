/**
 * The lists snapshot (`<dataDir>/index/lists.snapshot`): every clean materialised list, saved
 * beside the index snapshots so a restarted server (or a second one on a copy of the data
 * folder) answers every list without computing it. The layout is lists-snapshot-format.ts's.
 * Loading is cheap: the file is read once and used in place (pools are views of its bytes,
 * strings decoded when asked for), and its checksum is checked after start-up (`verify`), as the
 * index snapshots' are, so a server is ready before 140 MB are hashed. Written atomically; a
 * missing, torn, corrupt or other-version file is a reason to compute the lists again, never a
 * crash. The store stays the source of truth.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../errors.js';
import type { ListsSnapshots, SavedLists } from '../recommend/materialised-lists.js';
import { writeFileAtomic } from '../vector-index/atomic-file.js';
import {
  decodeBody,
  encodeBody,
  headerLine,
  LISTS_MAGIC,
  LISTS_SNAPSHOT_VERSION,
  type ListsHeader,
} from './lists-snapshot-format.js';

export { LISTS_SNAPSHOT_VERSION } from './lists-snapshot-format.js';
/** The snapshot's file name inside the index folder. */
export const LISTS_SNAPSHOT_FILE = 'lists.snapshot';
/** Bytes hashed between yields while the checksum is checked after start. */
const VERIFY_CHUNK = 1 << 20;

/** The lists snapshot kept at `file`. */
export function createListsSnapshots(file: string): ListsSnapshots {
  return {
    load: () => readListsSnapshot(file),
    read: async () => {
      try {
        return decodeSnapshot(await readFile(file));
      } catch {
        return noSnapshot(file);
      }
    },
    save(lists) {
      try {
        mkdirSync(dirname(file), { recursive: true });
        writeFileAtomic(file, encode(lists));
      } catch (error) {
        throw new AppError('STORAGE_FAILED', `Cannot write the lists snapshot ${file}`, {
          cause: error,
        });
      }
    },
  };
}

/**
 * The lists saved in `file`, or why they cannot be used. Their checksum is checked by the
 * returned `verify`, not here.
 */
export function readListsSnapshot(file: string): SavedLists | string {
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch {
    return noSnapshot(file);
  }
  return decodeSnapshot(data);
}

function noSnapshot(file: string): string {
  return `there is no readable lists snapshot at ${file}`;
}

/** The lists in `data` (a snapshot file's bytes), used in place, or why they cannot be used. */
function decodeSnapshot(data: Buffer): SavedLists | string {
  try {
    const newline = data.indexOf(10);
    const header = JSON.parse(data.subarray(0, Math.max(0, newline)).toString('utf8'));
    if (header?.magic !== LISTS_MAGIC || header.version !== LISTS_SNAPSHOT_VERSION) {
      return `the lists snapshot is of another format (version ${String(header?.version)})`;
    }
    const { sections } = header as ListsHeader;
    let body: Uint8Array = data.subarray(newline + 1);
    if (body.length !== sections.reduce((a, b) => a + b, 0)) {
      return `the lists snapshot is truncated or torn (${data.length} bytes)`;
    }
    if (body.byteOffset % 8 !== 0) {
      // A small file may sit anywhere in a shared buffer: copied, so its arrays are aligned.
      body = new Uint8Array(body);
    }
    const lists = decodeBody(header, body);
    return { ...lists, verify: () => verifyBody(body, header.sha256) };
  } catch (error) {
    return `the lists snapshot is unusable (${error instanceof Error ? error.message : error})`;
  }
}

function encode(lists: SavedLists): Buffer {
  const sections = encodeBody(lists);
  const body = Buffer.concat(sections);
  const header: ListsHeader = {
    magic: LISTS_MAGIC,
    version: LISTS_SNAPSHOT_VERSION,
    generation: lists.generation,
    background: lists.background,
    lists: lists.lists.length,
    sections: sections.map((section) => section.length),
    sha256: createHash('sha256').update(body).digest('hex'),
  };
  return Buffer.concat([headerLine(header), body]);
}

/** Why `body` fails its checksum (hashed a slice at a time between requests), or undefined. */
async function verifyBody(body: Uint8Array, sha256: string): Promise<string | undefined> {
  const hash = createHash('sha256');
  for (let at = 0; at < body.length; at += VERIFY_CHUNK) {
    hash.update(body.subarray(at, at + VERIFY_CHUNK));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return hash.digest('hex') === sha256
    ? undefined
    : 'the lists snapshot is corrupt (checksum differs)';
}
