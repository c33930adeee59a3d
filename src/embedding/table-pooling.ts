/**
 * The embedder's side of the token table: how many rows a tokenizer's ids need, and a set of
 * planned sequences pooled (and normalized) from the table instead of by running the model.
 */
import { AppError } from '../errors.js';
import type { ModelSettings } from './model-registry.js';
import { normalizeInPlace } from './pooling.js';
import type { PlannedSequence } from './sequence-plan.js';
import type { TokenTable } from './token-table.js';

/** What of a transformers.js tokenizer sizes the table (its internals, read defensively). */
export interface TokenizerInternals {
  readonly model?: { readonly tokens_to_ids?: unknown };
  readonly added_tokens?: readonly { readonly id?: unknown }[];
}

/** One more than the largest token id the tokenizer can produce (0 when unknown). */
export function tokenRows(tokenizer: TokenizerInternals): number {
  const ids = tokenizer.model?.tokens_to_ids;
  if (!(ids instanceof Map)) {
    return 0;
  }
  let top = -1;
  for (const id of ids.values()) {
    top = typeof id === 'number' && id > top ? id : top;
  }
  for (const token of tokenizer.added_tokens ?? []) {
    top = typeof token.id === 'number' && token.id > top ? token.id : top;
  }
  return top + 1;
}

/** Every sequence pooled (and normalized) from the table. */
export function poolFromTable(
  table: TokenTable,
  settings: ModelSettings,
  sequences: readonly PlannedSequence[],
  modelId: string,
): Map<PlannedSequence, Float32Array> {
  const pooled = new Map<PlannedSequence, Float32Array>();
  for (const sequence of sequences) {
    const vector = table.pool(sequence.ids, settings.pooling);
    if (vector === undefined) {
      // The model's own lookup (Gather) fails on such an id too.
      throw new AppError('EMBEDDING_FAILED', `Model "${modelId}" has no vector for a token id`);
    }
    pooled.set(sequence, settings.normalize ? normalizeInPlace(vector) : vector);
  }
  return pooled;
}
