/**
 * LabelMap: string article ids to the dense numeric labels hnswlib stores, and back. Labels are
 * handed out once and never reused for another id, so a stale label can never name a new article.
 */

/** The persisted form of a label map. */
export interface LabelMapState {
  /** [label, id] pairs of the live entries. */
  readonly entries: readonly (readonly [number, string])[];
  /** The next label to hand out. */
  readonly next: number;
}

export interface LabelMap {
  labelOf(id: string): number | undefined;
  idOf(label: number): string | undefined;
  /** The label of `id`, handing out a new one when it has none. */
  assign(id: string): { label: number; isNew: boolean };
  /** Forgets `id`; returns its label, or undefined when it had none. */
  release(id: string): number | undefined;
  size(): number;
  state(): LabelMapState;
}

/** Creates a label map, empty or restored from `state`. */
export function createLabelMap(state: LabelMapState = { entries: [], next: 0 }): LabelMap {
  const byId = new Map<string, number>();
  // Labels are dense small integers: an array is the fastest label -> id lookup.
  const byLabel: Array<string | undefined> = [];
  let next = state.next;
  for (const [label, id] of state.entries) {
    byId.set(id, label);
    byLabel[label] = id;
    next = Math.max(next, label + 1);
  }
  return {
    labelOf: (id) => byId.get(id),
    idOf: (label) => byLabel[label],
    assign(id) {
      const existing = byId.get(id);
      if (existing !== undefined) {
        return { label: existing, isNew: false };
      }
      const label = next;
      next += 1;
      byId.set(id, label);
      byLabel[label] = id;
      return { label, isNew: true };
    },
    release(id) {
      const label = byId.get(id);
      if (label !== undefined) {
        byId.delete(id);
        byLabel[label] = undefined;
      }
      return label;
    },
    size: () => byId.size,
    state: () => ({ entries: [...byId].map(([id, label]) => [label, id] as const), next }),
  };
}

/** True when `value` looks like a persisted label map (checked before restoring a snapshot). */
export function isLabelMapState(value: unknown): value is LabelMapState {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const { entries, next } = value as { entries?: unknown; next?: unknown };
  return (
    Number.isInteger(next) &&
    Array.isArray(entries) &&
    entries.every(
      (e) =>
        Array.isArray(e) && e.length === 2 && Number.isInteger(e[0]) && typeof e[1] === 'string',
    )
  );
}
