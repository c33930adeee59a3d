/**
 * A random sample of stored vectors: the background every source's cosine is standardised
 * against. Drawn by reservoir sampling in one pass over the vector index's in-memory table (the
 * store's vectors, in the store's order), with a fixed seed (the same archive gives the same
 * scores), and redrawn when the archive has changed size by 2% (the contract's bound on how far a
 * list may lag the archive-wide statistics).
 */
import type { VectorIndex } from '../vector-index/vector-index.js';
import { type Background, pairBackground } from './fusion.js';
import { reservoir } from './sampling.js';
import type { RelevanceSettings } from './settings.js';

/** Redraw the sample when the store size has drifted by this share. */
const REFRESH_DRIFT = 0.02;

/** A drawn background and the archive size it was drawn at (what a snapshot keeps). */
export interface BackgroundState {
  readonly background: Background;
  readonly sampledAt: number;
}

export interface BackgroundSampler {
  /** The archive's background cosine (random pairs of stored articles), redrawn when stale. */
  background(): Background;
  /** The current background with the size it was drawn at (redrawn first when stale). */
  state(): BackgroundState;
  /** Takes over a saved state (a restart answers like the process that saved it). */
  restore(state: BackgroundState): void;
  /** Redraws the sample now if the archive has changed size at all since it was drawn. */
  refresh(): void;
}

/** Creates a sampler over `index` drawing at most `settings.sampleSize` vectors. */
export function createBackgroundSampler(
  index: VectorIndex,
  settings: RelevanceSettings['background'],
): BackgroundSampler {
  const size = settings.sampleSize;
  let cached: Background = pairBackground([], settings);
  let sampledAt = -1;
  const background = (refresh?: 'now') => {
    const count = index.size();
    const drift = Math.abs(count - sampledAt);
    const stale =
      sampledAt < 0 || (drift > 0 && (refresh === 'now' || drift > REFRESH_DRIFT * sampledAt));
    if (stale) {
      const sample = reservoir(index.vectors(), size).map((entry) => entry.vector.slice());
      cached = pairBackground(sample, settings);
      sampledAt = count;
    }
    return cached;
  };
  return {
    background,
    state: () => ({ background: background(), sampledAt }),
    restore(state) {
      cached = state.background;
      sampledAt = state.sampledAt;
    },
    refresh: () => {
      background('now');
    },
  };
}
