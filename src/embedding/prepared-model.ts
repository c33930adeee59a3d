/**
 * The prepared form of a context-free model, cached in the data folder: its token table (read
 * out of the ONNX model and checked against it), the special tokens around a sequence, and the
 * general tokenizer's ids for the fast tokenizer's self-check texts. It is keyed by a SHA-256 of
 * the model's files, so a start with the same files skips transformers.js, ONNX Runtime and the
 * table read (about a second of CPU for the shipped model), and a changed file means a rebuild.
 * The file holds a magic, a format version, a CRC-32 of the rest, a JSON header and the table's
 * bytes; it is written beside and renamed into place, and a missing, torn, corrupt, other-version or other-model
 * file is a reason to prepare the model again, never an error.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { crc32 } from 'node:zlib';
import { MODEL_JSON_FILES, onnxFileFor } from './model-files.js';
import { createTokenTable, type TokenTable } from './token-table.js';

/** Bumped whenever the layout or the meaning of the cache file changes. */
export const PREPARED_MODEL_VERSION = 1;

const MAGIC = 'MLPREPMD';
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Magic (8), version (4), CRC-32 of the rest (4), header length (4). */
const PREFIX_BYTES = 20;

/** What a start needs of a context-free model besides its tokenizer.json. */
export interface PreparedModel {
  readonly table: TokenTable;
  /** Special token ids before and after a sequence's text (see SequenceFrame). */
  readonly leading: readonly number[];
  readonly trailing: readonly number[];
  /** Texts and their ids from the general tokenizer (the fast tokenizer must agree). */
  readonly checks: readonly (readonly [text: string, ids: readonly number[]])[];
}

export type PreparedLoad =
  | { readonly ok: true; readonly prepared: PreparedModel }
  | { readonly ok: false; readonly reason: string };

interface Header {
  readonly key: string;
  readonly rows: number;
  readonly dims: number;
  readonly half: boolean;
  /** The byte order of the table's values (this machine's when written). */
  readonly littleEndian: boolean;
  readonly leading: number[];
  readonly trailing: number[];
  readonly checks: [string, number[]][];
}

/** The cache file of `modelId` in `cacheDir` (one per model id; its key says which files). */
export function preparedModelFile(cacheDir: string, modelId: string): string {
  return join(cacheDir, `model-${modelId.replace(/[^A-Za-z0-9_.-]/g, '_')}.prepared`);
}

/** SHA-256 (hex) over the names and bytes of the model files a load reads. */
export function modelFilesKey(folder: string, quantized: boolean): string {
  const hash = createHash('sha256');
  hash.update(`morelike prepared model ${PREPARED_MODEL_VERSION}\n`);
  for (const name of [...MODEL_JSON_FILES, onnxFileFor(quantized)]) {
    hash.update(`${name}\n`);
    // Read whole, in place (~20 ms for the shipped model's 17 MB): at start the list sweep takes
    // the main thread between callbacks, and a stream's 256 chunks each waited for a turn (~1 s
    // before the server was ready).
    hash.update(readFileSync(join(folder, name)));
    hash.update('\n');
  }
  return hash.digest('hex');
}

/** Writes `prepared` for the model files of `key`, atomically (throws on an I/O error). */
export function writePreparedModel(file: string, key: string, prepared: PreparedModel): void {
  const { table } = prepared;
  const header: Header = {
    key,
    rows: table.rows,
    dims: table.dims,
    half: table.values instanceof Uint16Array,
    littleEndian: LITTLE_ENDIAN,
    leading: [...prepared.leading],
    trailing: [...prepared.trailing],
    checks: prepared.checks.map(([text, ids]) => [text, [...ids]]),
  };
  const json = Buffer.from(JSON.stringify(header));
  const values = Buffer.from(table.values.buffer, table.values.byteOffset, table.values.byteLength);
  const prefix = Buffer.alloc(PREFIX_BYTES);
  prefix.write(MAGIC, 0, 'latin1');
  prefix.writeUInt32LE(PREPARED_MODEL_VERSION, 8);
  prefix.writeUInt32LE(crc32(values, crc32(json)), 12);
  prefix.writeUInt32LE(json.byteLength, 16);
  // Renamed into place: a reader sees the old file or the new one. (A crash can still leave a
  // torn file on some file systems; the checksum turns that into a rebuild.)
  // Named as the snapshot folder's housekeeping knows temporary files (removed once the writer
  // is gone; see snapshot-files.ts).
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${threadId}.tmp`);
  try {
    writeFileSync(temp, Buffer.concat([prefix, json, values]));
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** Reads the prepared model at `file` when it is intact and of the files of `key`. */
export function readPreparedModel(file: string, key: string): PreparedLoad {
  let buffer: Buffer;
  try {
    buffer = readFileSync(file);
  } catch {
    return { ok: false, reason: 'no prepared model is cached' };
  }
  if (buffer.byteLength < PREFIX_BYTES || buffer.toString('latin1', 0, 8) !== MAGIC) {
    return { ok: false, reason: 'the cached prepared model is not one (bad magic or truncated)' };
  }
  const version = buffer.readUInt32LE(8);
  if (version !== PREPARED_MODEL_VERSION) {
    return { ok: false, reason: `the cached prepared model has format version ${version}` };
  }
  const jsonEnd = PREFIX_BYTES + buffer.readUInt32LE(16);
  const intact = crc32(buffer.subarray(PREFIX_BYTES)) === buffer.readUInt32LE(12);
  if (jsonEnd > buffer.byteLength || !intact) {
    return { ok: false, reason: 'the cached prepared model is torn or corrupt (checksum differs)' };
  }
  let header: Header;
  try {
    header = JSON.parse(buffer.toString('utf8', PREFIX_BYTES, jsonEnd)) as Header;
  } catch {
    return { ok: false, reason: 'the cached prepared model has an unreadable header' };
  }
  if (header.key !== key) {
    return { ok: false, reason: 'the cached prepared model is of other model files' };
  }
  if (header.littleEndian !== LITTLE_ENDIAN) {
    return { ok: false, reason: 'the cached prepared model is of another byte order' };
  }
  const width = header.half ? 2 : 4;
  if (buffer.byteLength - jsonEnd !== header.rows * header.dims * width) {
    return { ok: false, reason: 'the cached prepared model has a table of the wrong size' };
  }
  // A copy, aligned for the typed array (the file's bytes start at any offset).
  const bytes = new Uint8Array(buffer.subarray(jsonEnd));
  const values = header.half ? new Uint16Array(bytes.buffer) : new Float32Array(bytes.buffer);
  return {
    ok: true,
    prepared: {
      table: createTokenTable(values, header.rows, header.dims),
      leading: header.leading,
      trailing: header.trailing,
      checks: header.checks,
    },
  };
}
