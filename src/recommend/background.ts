/**
 * A random sample of stored vectors: the background every source's cosine is standardised
 * against. Drawn by reservoir sampling in one pass over the store, with a fixed seed (the same
 * store gives the same scores), and redrawn when the store has changed size by a tenth. The size
 * is re-counted only when the store generation moves.
 */
import type { ArticleStore } from '../store/article-store.js';
import { type Background, pairBackground } from './fusion.js';
import type { RelevanceSettings } from './settings.js';

/** Redraw the sample when the store size has drifted by this share. */
const REFRESH_DRIFT = 0.1;

export interface BackgroundSampler {
  /** The archive's background cosine (random pairs of stored articles). */
  background(): Background;
}

/** Creates a sampler over `store` drawing at most `settings.sampleSize` vectors. */
export function createBackgroundSampler(
  store: ArticleStore,
  settings: RelevanceSettings['background'],
): BackgroundSampler {
  const size = settings.sampleSize;
  let cached: Background = pairBackground([], settings);
  let sampledAt = -1;
  // count() scans the table; the generation (one indexed read) says when it can have changed.
  let counted = { generation: Number.NaN, count: 0 };
  const countNow = () => {
    const generation = store.generation();
    if (generation !== counted.generation) {
      counted = { generation, count: store.count() };
    }
    return counted.count;
  };
  return {
    background() {
      const count = countNow();
      const stale =
        sampledAt < 0 ||
        (count !== sampledAt && Math.abs(count - sampledAt) > REFRESH_DRIFT * sampledAt) ||
        (sampledAt < size && count !== sampledAt);
      if (stale) {
        const sample = reservoir(store.vectors(), size).map((entry) => entry.vector);
        cached = pairBackground(sample, settings);
        sampledAt = count;
      }
      return cached;
    },
  };
}

function reservoir<T>(items: Iterable<T>, size: number): T[] {
  const kept: T[] = [];
  let seed = 0x9e3779b9;
  let seen = 0;
  for (const item of items) {
    seen += 1;
    if (kept.length < size) {
      kept.push(item);
      continue;
    }
    seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
    const slot = Math.floor((seed / 0x1_0000_0000) * seen);
    if (slot < size) {
      kept[slot] = item;
    }
  }
  return kept;
}
