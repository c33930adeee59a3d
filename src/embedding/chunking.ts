/**
 * Splits a token sequence into windows that fit a model, so a long body is embedded whole rather
 * than cut at the model's maximum length. Windows are balanced (a 600-token body in 256-token
 * windows gives 200 + 200 + 200, not 256 + 256 + 88), so no chunk is a short, noisy tail.
 */

/** Windows of at most `windowSize` ids covering `ids` in order; none for an empty input. */
export function chunkTokenIds(ids: readonly number[], windowSize: number): number[][] {
  if (!Number.isInteger(windowSize) || windowSize < 1) {
    throw new RangeError(`windowSize must be a positive integer, got ${windowSize}`);
  }
  if (ids.length === 0) {
    return [];
  }
  const count = Math.ceil(ids.length / windowSize);
  const base = Math.floor(ids.length / count);
  const longer = ids.length % count;
  const chunks: number[][] = [];
  let start = 0;
  for (let i = 0; i < count; i += 1) {
    const size = base + (i < longer ? 1 : 0);
    chunks.push(ids.slice(start, start + size));
    start += size;
  }
  return chunks;
}

/** How special tokens wrap one sequence, read from the tokenizer (`[CLS] x [SEP]`, `<s> x </s>`). */
export interface SequenceFrame {
  readonly leading: readonly number[];
  readonly trailing: readonly number[];
  /** Token ids of the model's passage prefix, placed after the leading specials. */
  readonly prefix: readonly number[];
}

/** Room left for text in one sequence of `maxTokens`. */
export function windowSizeFor(frame: SequenceFrame, maxTokens: number): number {
  const room = maxTokens - frame.leading.length - frame.trailing.length - frame.prefix.length;
  if (room < 1) {
    throw new RangeError(`maxTokens ${maxTokens} leaves no room for text`);
  }
  return room;
}

/** One model sequence: specials and prefix around a window of text ids. */
export function frameSequence(frame: SequenceFrame, window: readonly number[]): number[] {
  return [...frame.leading, ...frame.prefix, ...window, ...frame.trailing];
}

/**
 * Finds the special tokens around a text by comparing its ids with and without them:
 * `withSpecials` must contain `plain` as one contiguous run.
 */
export function inferFrame(
  plain: readonly number[],
  withSpecials: readonly number[],
  prefix: readonly number[],
): SequenceFrame {
  for (let start = 0; start + plain.length <= withSpecials.length; start += 1) {
    if (plain.every((id, i) => withSpecials[start + i] === id)) {
      return {
        leading: withSpecials.slice(0, start),
        trailing: withSpecials.slice(start + plain.length),
        prefix,
      };
    }
  }
  throw new Error('the tokenizer changes the text ids when it adds special tokens');
}
