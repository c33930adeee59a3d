/**
 * Reads a JSON array of objects as a stream: a small scanner splits the top-level elements (it
 * tracks strings, escapes and nesting depth) and parses each one alone, so a 1 GB array never
 * sits in memory and a broken element is reported with its line without losing the others.
 */
import type { InputRecord } from './input-record.js';

interface ScanState {
  depth: number;
  inString: boolean;
  escaped: boolean;
  line: number;
  started: boolean;
  element: string;
  elementLine: number;
}

/** Yields each array element's value (or parse error) with the line it starts on. */
export async function* readJsonArray(input: NodeJS.ReadableStream): AsyncGenerator<InputRecord> {
  const state: ScanState = {
    depth: 0,
    inString: false,
    escaped: false,
    line: 1,
    started: false,
    element: '',
    elementLine: 1,
  };
  for await (const chunk of input) {
    yield* scan(String(chunk), state);
  }
  if (!state.started || state.depth < 0) {
    yield { line: 1, error: 'not a JSON array (expected `[` at the start)' };
  } else if (state.depth > 0) {
    yield { line: state.line, error: 'the JSON array is not closed (input ends early)' };
  }
}

function* scan(text: string, s: ScanState): Generator<InputRecord> {
  for (const char of text) {
    if (char === '\n') {
      s.line += 1;
    }
    if (!s.started) {
      if (char === '[') {
        s.started = true;
        s.depth = 1;
      } else if (!/\s/.test(char)) {
        s.started = true;
        s.depth = -1;
      }
      continue;
    }
    if (s.depth <= 0) {
      continue;
    }
    if (s.inString) {
      s.element += char;
      if (s.escaped) {
        s.escaped = false;
      } else if (char === '\\') {
        s.escaped = true;
      } else if (char === '"') {
        s.inString = false;
      }
      continue;
    }
    if (s.depth === 1 && (char === ',' || char === ']')) {
      yield* flush(s);
      if (char === ']') {
        s.depth = 0;
      }
      continue;
    }
    if (s.element.trim() === '' && !/\s/.test(char)) {
      s.elementLine = s.line;
    }
    s.element += char;
    if (char === '"') {
      s.inString = true;
    } else if (char === '{' || char === '[') {
      s.depth += 1;
    } else if (char === '}' || char === ']') {
      s.depth -= 1;
    }
  }
}

function* flush(s: ScanState): Generator<InputRecord> {
  const text = s.element.trim();
  s.element = '';
  if (text === '') {
    return;
  }
  try {
    yield { line: s.elementLine, value: JSON.parse(text) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    yield { line: s.elementLine, error: `not valid JSON (${reason})` };
  }
}
