/**
 * `onChange` of the PostgreSQL store: LISTEN/NOTIFY tells every server of a commit within
 * milliseconds; a poll of the generation every POLL_MS is the fallback that needs no
 * notification (one lost while the LISTEN connection was down, a pooler that drops them), so a
 * server learns of another's write within a second either way. Both start with the first
 * subscriber and stop with the last.
 */
import type { Listener, PgPool, StoreLog } from './postgres-client.js';
import { openListener } from './postgres-client.js';
import { CHANGES_CHANNEL } from './postgres-schema.js';

/** How often the generation is polled (the fallback to notifications). */
export const POLL_MS = 500;

export interface ChangeWatch {
  onChange(listener: () => void): () => void;
  close(): Promise<void>;
}

/** Watches the store of `pool` (at `url`) for commits by any writer. */
export function createChangeWatch(pool: PgPool, url: string, log: StoreLog): ChangeWatch {
  const listeners = new Set<() => void>();
  let listener: Listener | undefined;
  let timer: NodeJS.Timeout | undefined;
  let seen = -1;
  const fire = () => {
    for (const each of [...listeners]) {
      each();
    }
  };
  /** Fires for a generation not seen yet (a commit is both notified and polled). */
  const reached = (generation: number) => {
    if (generation !== seen) {
      seen = generation;
      fire();
    }
  };
  const poll = async () => {
    try {
      const { rows } = await pool.query('SELECT generation FROM store_state');
      reached(Number(rows[0]?.generation ?? 0));
    } catch {
      // Unreachable: the pool has logged it; the next poll tries again.
    }
  };
  const notified = (payload?: string) => {
    const generation = Number(payload);
    if (payload === undefined || !Number.isInteger(generation)) {
      fire();
    } else if (generation > seen) {
      reached(generation);
    }
  };
  const start = () => {
    listener = openListener(url, CHANGES_CHANNEL, notified, log);
    timer = setInterval(() => void poll(), POLL_MS);
    timer.unref();
  };
  const stop = async () => {
    clearInterval(timer);
    timer = undefined;
    const current = listener;
    listener = undefined;
    await current?.close();
  };
  return {
    onChange(each) {
      listeners.add(each);
      if (listeners.size === 1) {
        start();
      }
      return () => {
        listeners.delete(each);
        if (listeners.size === 0) {
          void stop();
        }
      };
    },
    async close() {
      listeners.clear();
      await stop();
    },
  };
}
