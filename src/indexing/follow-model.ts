/**
 * Following the store's model: when another process has moved the store's vectors to another
 * model (`model train`, then `reindex --full`), the room loads that model's embedder, rebuilds its
 * indexes from the stored vectors while the old ones keep answering, swaps them in, and only then
 * embeds with the new model (embeds wait meanwhile). When the model is not on this machine the
 * old indexes keep answering lists, and embeds (drafts, writes) fail with MODEL_MISMATCH naming
 * the fix, until a later change notice finds the model.
 */
import type { Embedder } from '../embedding/embedder.js';
import type { SwitchableEmbedder } from '../embedding/switchable-embedder.js';
import { AppError } from '../errors.js';
import type { VectorModel } from '../store/article-store.js';

export interface FollowDeps {
  readonly embedder: SwitchableEmbedder;
  /** Loads a model's embedder from this machine; rejects (MODEL_NOT_FOUND) when it is not here. */
  readonly load: (model: VectorModel) => Promise<Embedder>;
  readonly log: (message: string) => void;
}

export interface ModelFollower {
  /**
   * Switches to `stored`: loads its embedder, then `swap` rebuilds the indexes and swaps them in,
   * calling `swapped` at that very moment (the embedder switches with them, so no list or draft
   * mixes the models); on failure the embedder refuses with MODEL_MISMATCH. Never rejects.
   */
  follow(
    stored: VectorModel,
    swap: (reason: string, swapped: () => void) => Promise<void>,
  ): Promise<void>;
  /** Why the store's model is not followed (undefined when it is). */
  problem(): string | undefined;
}

/** A follower switching `deps.embedder`. */
export function createModelFollower(deps: FollowDeps): ModelFollower {
  const { embedder, log } = deps;
  let problem: string | undefined;
  const loadChecked = async (stored: VectorModel) => {
    const next = await deps.load(stored);
    if (next.modelId !== stored.modelId || next.dimensions !== stored.dimensions) {
      await next.dispose();
      throw new Error(
        `${next.modelId} gives ${next.dimensions} dimensions, the store holds ${stored.dimensions}`,
      );
    }
    return next;
  };
  return {
    async follow(stored, swap) {
      const from = embedder.modelId;
      let done = () => {};
      embedder.hold(new Promise<void>((resolve) => (done = resolve)));
      try {
        const next = await loadChecked(stored);
        let released: Promise<void> | undefined;
        try {
          await swap(`the store's model changed from ${from} to ${stored.modelId}`, () => {
            released = embedder.use(next);
          });
        } catch (error) {
          if (!released) {
            await next.dispose();
          }
          throw error;
        }
        problem = undefined;
        await released;
      } catch (error) {
        const reason = error instanceof AppError ? error.detail : String(error);
        const detail =
          `The store now holds vectors of ${stored.modelId}, which this server cannot load ` +
          `(${reason}); lists are answered from the ${from} index. Put ${stored.modelId} in the ` +
          `models folder (it is picked up at the next store change) or restart with ` +
          `MORELIKE_MODEL=${stored.modelId}`;
        embedder.refuse(new AppError('MODEL_MISMATCH', detail));
        if (problem !== detail) {
          log(`index: ${detail}`);
        }
        problem = detail;
      } finally {
        done();
      }
    },
    problem: () => problem,
  };
}
