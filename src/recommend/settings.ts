/**
 * The relevance constants in one place, with why each has its value. Every one can be overridden
 * through `createRelated({ settings })`; the defaults are chosen for news in general, not for one
 * corpus (see the eval notes in the closing report of issue 5).
 */

export interface RelevanceSettings {
  /** Default relevance threshold on the fused score (a request's `minScore` overrides it). */
  readonly minScore: number;
  /**
   * Embedding candidates fetched: max(min, perItem * 10) for a list of any limit (as deep as a
   * pool searches, see SEARCH_LIMIT in pool-build.ts), before filters and threshold.
   */
  readonly overfetchMin: number;
  readonly overfetchPerItem: number;
  /**
   * Pseudo-relevance feedback: the topic is the source plus the mean of its nearest neighbours
   * (Rocchio), which smooths one article's quirks; 0 compares candidates with the source alone.
   */
  readonly feedbackNeighbours: number;
  /** Only neighbours at least this many background spreads above the mean feed the topic back. */
  readonly feedbackMinZ: number;
  /** Weight of the neighbours' mean against the source's own vector (1 = as much as the source). */
  readonly feedbackWeight: number;
  /** Extra candidates from the lexical side (articles sharing the source's rarest terms). */
  readonly lexicalCandidates: number;
  /**
   * Graded fusion (see fusion.ts): P(same story) = sigmoid(storySlope * (lexical - storyMidpoint)
   * + storyTime * t), t in -1..1 from the publication gap (half-life storyHalfLifeDays, 0 if unknown);
   * P(same topic) = sigmoid(topicSlope * (z - topicMidpoint) + topicLexical * lexical);
   * score = P(story) + (1 - P(story)) * topicGain * P(topic).
   */
  readonly fusion: {
    readonly storySlope: number;
    readonly storyMidpoint: number;
    readonly storyTime: number;
    readonly storyHalfLifeDays: number;
    readonly topicSlope: number;
    readonly topicMidpoint: number;
    readonly topicLexical: number;
    readonly topicGain: number;
  };
  /**
   * An item with little story evidence (P(same story) < 0.5) passes on topic evidence only when
   * that is strong: its standardised embedding cosine at least this (beyond 99.9% of random
   * pairs), or a name it shares with the source. Never on generic words alone.
   */
  readonly topicOnlyMinZ: number;
  /** Background of the embedding cosine: random pairs among a sample of the store. */
  readonly background: {
    readonly sampleSize: number;
    /** Prior mean and spread of a random pair's cosine, used while the store is small. */
    readonly priorMean: number;
    readonly priorStd: number;
    /** How many sampled articles the prior is worth. */
    readonly priorWeight: number;
  };
  /**
   * Two items are one story when their cosine is this high and either their lexical similarity
   * is `lexical`, or it is at least `overlapLexical` and their three-word shingles overlap by
   * `overlap` (Jaccard). Measured: lightly edited copies under a new headline overlap 0.40-0.44,
   * different outlets' reports of one event at most 0.24, articles of one continuing story < 0.1.
   */
  readonly duplicate: {
    readonly cosine: number;
    readonly lexical: number;
    readonly overlapLexical: number;
    readonly overlap: number;
  };
  /** Ordering tie-break for items close in time to the source; never changes `score`. */
  readonly freshness: { readonly weight: number; readonly halfLifeDays: number };
  /** Default diversity (MMR trade-off) when a request does not set one. */
  readonly diversity: number;
  /** Reasons shown per item. */
  readonly reasons: number;
  /**
   * Materialised lists: a list's best candidates (whatever their score) kept as the lists a write
   * of that article can reach (a new or changed article enters the lists of its own neighbours).
   */
  readonly nearLists: number;
}

export const DEFAULT_SETTINGS: RelevanceSettings = Object.freeze({
  minScore: 0.45,
  overfetchMin: 100,
  overfetchPerItem: 10,
  feedbackNeighbours: 10,
  feedbackMinZ: 1.5,
  feedbackWeight: 1,
  lexicalCandidates: 30,
  fusion: Object.freeze({
    storySlope: 30,
    storyMidpoint: 0.26,
    storyTime: 2,
    storyHalfLifeDays: 7,
    topicSlope: 2.8,
    topicMidpoint: 1.9,
    topicLexical: 3,
    topicGain: 0.5,
  }),
  topicOnlyMinZ: 3,
  background: Object.freeze({ sampleSize: 256, priorMean: 0.13, priorStd: 0.24, priorWeight: 16 }),
  duplicate: Object.freeze({ cosine: 0.9, lexical: 0.75, overlapLexical: 0.3, overlap: 0.3 }),
  freshness: Object.freeze({ weight: 0.02, halfLifeDays: 30 }),
  diversity: 0,
  reasons: 5,
  nearLists: 20,
});

/** Settings with some fields overridden (nested groups merge field by field). */
export type SettingsOverrides = {
  readonly [K in keyof RelevanceSettings]?: RelevanceSettings[K] extends object
    ? Partial<RelevanceSettings[K]>
    : RelevanceSettings[K];
};

/** Merges `overrides` into the defaults. */
export function resolveSettings(overrides: SettingsOverrides = {}): RelevanceSettings {
  return {
    ...DEFAULT_SETTINGS,
    ...overrides,
    fusion: { ...DEFAULT_SETTINGS.fusion, ...overrides.fusion },
    background: { ...DEFAULT_SETTINGS.background, ...overrides.background },
    duplicate: { ...DEFAULT_SETTINGS.duplicate, ...overrides.duplicate },
    freshness: { ...DEFAULT_SETTINGS.freshness, ...overrides.freshness },
  };
}
