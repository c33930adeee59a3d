/**
 * Opens the input of `reindex`: a file (format from its extension: .jsonl/.ndjson, .json, .csv)
 * or `-` for standard input (format sniffed from the first character: `[` JSON array, `{` JSON
 * Lines, anything else CSV). Counts the bytes consumed, so a progress bar can show an ETA.
 */
import { createReadStream, statSync } from 'node:fs';
import { extname } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { AppError } from '../../errors.js';
import { readCsv } from './csv-reader.js';
import type { InputFormat, InputRecord } from './input-record.js';
import { readJsonArray } from './json-array-reader.js';
import { readJsonLines } from './jsonl-reader.js';

export interface OpenedInput {
  readonly records: AsyncIterable<InputRecord>;
  /** Total bytes, when known (files). */
  readonly totalBytes: number | undefined;
  bytesRead(): number;
}

const BY_EXTENSION: Record<string, InputFormat> = {
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'json',
  '.csv': 'csv',
};

/** Opens `path` (or stdin for `-`); throws INPUT_UNREADABLE naming the path and the reason. */
export function openInput(path: string, stdin: NodeJS.ReadableStream): OpenedInput {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  if (path === '-') {
    stdin.pipe(counter);
    return { records: sniffed(counter), totalBytes: undefined, bytesRead: () => bytes };
  }
  const format = BY_EXTENSION[extname(path).toLowerCase()];
  if (!format) {
    throw new AppError(
      'INPUT_UNREADABLE',
      `Cannot tell the format of ${path}: use a .jsonl, .json or .csv file, or - for stdin`,
    );
  }
  let totalBytes: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) {
      throw new Error('not a file');
    }
    totalBytes = stat.size;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('INPUT_UNREADABLE', `Cannot read ${path}: ${reason}`, { cause: error });
  }
  const file = createReadStream(path);
  file.on('error', (error) => counter.destroy(error));
  file.pipe(counter);
  return { records: readerFor(format, counter), totalBytes, bytesRead: () => bytes };
}

function readerFor(format: InputFormat, input: NodeJS.ReadableStream): AsyncIterable<InputRecord> {
  switch (format) {
    case 'jsonl':
      return readJsonLines(input);
    case 'json':
      return readJsonArray(input);
    case 'csv':
      return readCsv(input);
  }
}

async function* sniffed(input: Transform): AsyncGenerator<InputRecord> {
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await chunks.next();
  if (first.done) {
    return;
  }
  const start = first.value.toString('utf8').trimStart();
  const format: InputFormat = start.startsWith('[')
    ? 'json'
    : start.startsWith('{')
      ? 'jsonl'
      : 'csv';
  const replay = Readable.from(
    (async function* () {
      yield first.value;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
        yield next.value;
      }
    })(),
  );
  yield* readerFor(format, replay);
}
