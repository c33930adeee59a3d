/*
 * Editor page, override edits: what pin, unpin, block and unblock do to `{pinned, blocked}`.
 * Pure functions; an id is never both pinned and blocked (the API rejects that).
 */

const without = (ids, id) => ids.filter((other) => other !== id);

/** action -> (overrides, id) -> next overrides. A new pin goes after the existing pins. */
export const EDITS = {
  pin: ({ pinned, blocked }, id) => ({
    pinned: [...without(pinned, id), id],
    blocked: without(blocked, id),
  }),
  unpin: ({ pinned, blocked }, id) => ({ pinned: without(pinned, id), blocked }),
  block: ({ pinned, blocked }, id) => ({
    pinned: without(pinned, id),
    blocked: [...without(blocked, id), id],
  }),
  unblock: ({ pinned, blocked }, id) => ({ pinned, blocked: without(blocked, id) }),
};

/** What to announce after each action. */
export const DONE = {
  pin: 'Pinned.',
  unpin: 'Unpinned.',
  block: 'Blocked.',
  unblock: 'Unblocked.',
};
