/**
 * An Embedder whose model can be switched while the service runs (the store's vectors moved to
 * another model, `reindex --full` in another process): while a switch is under way every embed
 * waits for it, so no vector of the old model is made for a store holding the new one; a refused
 * switch (the new model is not on this machine) makes every embed fail with that error until a
 * later switch succeeds.
 */
import type { AppError } from '../errors.js';
import type { Embedder, EmbeddingInput } from './embedder.js';

/** The switchable embedder and its controls (see the module comment). */
export interface SwitchableEmbedder extends Embedder {
  /** Holds every embed until `done` settles (the switch under way). */
  hold(done: Promise<unknown>): void;
  /** From now on (at once) embeds with `next`; resolves once the previous model is released. */
  use(next: Embedder): Promise<void>;
  /** From now on every embed fails with `error` (until `use`). */
  refuse(error: AppError): void;
}

/** Starts with `initial`. */
export function createSwitchableEmbedder(initial: Embedder): SwitchableEmbedder {
  let current = initial;
  let refusal: AppError | undefined;
  let held: Promise<unknown> = Promise.resolve();
  return {
    get modelId() {
      return current.modelId;
    },
    get dimensions() {
      return current.dimensions;
    },
    async embed(inputs: readonly EmbeddingInput[]) {
      await held;
      if (refusal) {
        throw refusal;
      }
      return current.embed(inputs);
    },
    hold(done) {
      held = done.then(
        () => undefined,
        () => undefined,
      );
    },
    use(next) {
      const previous = current;
      current = next;
      refusal = undefined;
      return previous === next ? Promise.resolve() : previous.dispose();
    },
    refuse(error) {
      refusal = error;
    },
    dispose: () => current.dispose(),
  };
}
