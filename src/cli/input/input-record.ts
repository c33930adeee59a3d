/**
 * What every input reader yields: one raw record (not yet validated) with the line it starts on,
 * or a record that could not even be parsed, with the reason. Readers stream: memory stays flat
 * whatever the size of the input.
 */

export type InputRecord =
  | { readonly line: number; readonly value: unknown }
  | { readonly line: number; readonly error: string };

/** The input formats `reindex` reads. */
export type InputFormat = 'jsonl' | 'json' | 'csv';
