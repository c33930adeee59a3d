/** Reads JSON Lines: one JSON object per line; blank lines are skipped. */
import { createInterface } from 'node:readline';
import type { InputRecord } from './input-record.js';

/** Yields each line's JSON value, or the parse error, with its 1-based line number. */
export async function* readJsonLines(input: NodeJS.ReadableStream): AsyncGenerator<InputRecord> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (text.trim() === '') {
      continue;
    }
    try {
      yield { line, value: JSON.parse(text) };
    } catch (error) {
      yield { line, error: `not valid JSON (${error instanceof Error ? error.message : error})` };
    }
  }
}
