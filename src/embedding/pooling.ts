/**
 * Pooling math on flat typed arrays: token vectors to one sequence vector (mean over the attention
 * mask, or the first token), L2 normalization, and the article vector from its title and chunks.
 */

/** Mean of the unmasked token vectors of sequence `row` in `hidden` [batch, length, dims]. */
export function meanPool(
  hidden: Float32Array,
  row: number,
  length: number,
  dims: number,
  tokens: number,
): Float32Array {
  const out = new Float32Array(dims);
  const base = row * length * dims;
  for (let t = 0; t < tokens; t += 1) {
    const offset = base + t * dims;
    for (let d = 0; d < dims; d += 1) {
      out[d] = (out[d] as number) + (hidden[offset + d] as number);
    }
  }
  if (tokens > 0) {
    for (let d = 0; d < dims; d += 1) {
      out[d] = (out[d] as number) / tokens;
    }
  }
  return out;
}

/** The first token's vector of sequence `row` (BERT's [CLS] pooling). */
export function clsPool(
  hidden: Float32Array,
  row: number,
  length: number,
  dims: number,
): Float32Array {
  const base = row * length * dims;
  return hidden.slice(base, base + dims);
}

/** Scales `vector` to unit length in place; a zero vector stays zero (it matches nothing). */
export function normalizeInPlace(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const value of vector) {
    sum += value * value;
  }
  if (sum > 0) {
    const scale = 1 / Math.sqrt(sum);
    for (let d = 0; d < vector.length; d += 1) {
      vector[d] = (vector[d] as number) * scale;
    }
  }
  return vector;
}

/** A pooled piece of an article: a unit (or zero) vector and its weight (its token count). */
export interface PooledPart {
  readonly vector: Float32Array;
  readonly tokens: number;
}

/**
 * The article vector: the body is the token-weighted mean of its chunk vectors, then title and
 * body are mixed `titleWeight : 1 - titleWeight` and normalized. A missing title or body leaves
 * the other alone; with neither, the zero vector (cosine 0 to everything).
 */
export function combineArticle(
  title: Float32Array | undefined,
  chunks: readonly PooledPart[],
  titleWeight: number,
  dims: number,
): Float32Array {
  const body = new Float32Array(dims);
  for (const chunk of chunks) {
    for (let d = 0; d < dims; d += 1) {
      body[d] = (body[d] as number) + chunk.tokens * (chunk.vector[d] as number);
    }
  }
  normalizeInPlace(body);
  const hasBody = body.some((value) => value !== 0);
  const hasTitle = title?.some((value) => value !== 0) ?? false;
  const out = new Float32Array(dims);
  const bodyShare = hasTitle ? 1 - titleWeight : 1;
  const titleShare = hasBody ? titleWeight : 1;
  for (let d = 0; d < dims; d += 1) {
    const t = hasTitle ? (title?.[d] ?? 0) * titleShare : 0;
    const b = hasBody ? (body[d] as number) * bodyShare : 0;
    out[d] = t + b;
  }
  return normalizeInPlace(out);
}
