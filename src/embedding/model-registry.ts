/**
 * Per-model settings in one place: how token vectors are pooled, whether vectors are normalized,
 * the longest sequence a model takes, the prefixes some models expect (e5: `passage: `/`query: `),
 * and which ONNX file transformers.js loads. Unknown model ids get a safe default.
 */
export type Pooling = 'mean' | 'cls';

export interface ModelSettings {
  readonly pooling: Pooling;
  readonly normalize: boolean;
  /** Longest sequence, special tokens included; longer bodies are chunked, never cut. */
  readonly maxTokens: number;
  /** Prepended to search queries (unused for article-to-article similarity). */
  readonly queryPrefix: string;
  /** Prepended to every embedded text of an article (title and each body chunk). */
  readonly passagePrefix: string;
  /**
   * true: `onnx/model_quantized.onnx` (transformers.js' default); false: `onnx/model.onnx`;
   * undefined: whichever is present, the quantized one first.
   */
  readonly quantized: boolean | undefined;
  /** Share of the article vector given to the title; the body chunks share the rest. */
  readonly titleWeight: number;
  /**
   * The languages the model knows (ISO 639-1 codes), `multilingual` for a model of about a
   * hundred, or `archive` for a model trained on this site's archive (each language it was
   * trained on at least MIN_ARCHIVE_ARTICLES articles of); undefined: not recorded (a model the
   * registry does not know is trusted). An article in a language its model does not know is
   * ranked on lexical evidence alone.
   */
  readonly languages: readonly string[] | 'multilingual' | 'archive' | undefined;
}

const DEFAULTS: ModelSettings = {
  pooling: 'mean',
  normalize: true,
  maxTokens: 512,
  queryPrefix: '',
  passagePrefix: '',
  quantized: undefined,
  titleWeight: 0.3,
  languages: undefined,
};

/** The shipped model's id; equals config's DEFAULT_MODEL_ID (embedding may not import config). */
export const SHIPPED_MODEL_ID = 'morelike-glove-sif-100d';

/** Ids of models trained by `morelike model train` start with this. */
export const ARCHIVE_MODEL_PREFIX = 'archive-';

/**
 * Articles a language needs in an archive model's training before the model's vectors say more
 * about its topics than its words do (measured on bbc subsets, README "Minimum archive size"):
 * an archive model covers a language only from this many of its articles on.
 */
export const MIN_ARCHIVE_ARTICLES = 400;

/** Every archive model: a lookup table like the shipped model, of the archive's languages. */
const ARCHIVE_SETTINGS: Partial<ModelSettings> = {
  maxTokens: 8192,
  quantized: false,
  titleWeight: 0.3,
  languages: 'archive',
};

const REGISTRY: Readonly<Record<string, Partial<ModelSettings>>> = {
  // A lookup table has no length limit: one sequence per body keeps the SIF average exact. Its
  // table is half floats in onnx/model.onnx (as fast to run as int8 is small; see its MODEL_CARD).
  [SHIPPED_MODEL_ID]: { maxTokens: 8192, quantized: false, titleWeight: 0.3, languages: ['en'] },
  'Xenova/all-MiniLM-L6-v2': { maxTokens: 256, quantized: true, languages: ['en'] },
  'Xenova/bge-small-en-v1.5': {
    pooling: 'cls',
    maxTokens: 512,
    quantized: true,
    languages: ['en'],
  },
  'Xenova/multilingual-e5-small': {
    languages: 'multilingual',
    maxTokens: 512,
    quantized: true,
    queryPrefix: 'query: ',
    passagePrefix: 'passage: ',
  },
};

/** True for the id of a model trained on the archive (`archive-...`). */
export function isArchiveModel(modelId: string): boolean {
  return modelId.startsWith(ARCHIVE_MODEL_PREFIX) && !Object.hasOwn(REGISTRY, modelId);
}

/** The settings for `modelId`: its registry entry (or the archive models' one) over the defaults. */
export function modelSettings(modelId: string): ModelSettings {
  const entry = isArchiveModel(modelId) ? ARCHIVE_SETTINGS : REGISTRY[modelId];
  return Object.freeze({ ...DEFAULTS, ...entry });
}

/** True when the registry holds an entry for `modelId` (the others run on defaults). */
export function isKnownModel(modelId: string): boolean {
  return Object.hasOwn(REGISTRY, modelId) || isArchiveModel(modelId);
}

/** Model ids with a registry entry, the shipped default first. */
export function knownModelIds(): string[] {
  return Object.keys(REGISTRY);
}

/**
 * Whether `modelId` knows `language` (a primary subtag such as `uk`): a multilingual model knows
 * every language; an archive model the languages it was trained on at least `minimum` articles
 * of (MIN_ARCHIVE_ARTICLES unless configured), as `trained` (its record's articles per language
 * tag, e.g. `en-GB`) says, and none without a record.
 */
export function modelCoversLanguage(
  modelId: string,
  language: string,
  trained?: Readonly<Record<string, number>>,
  minimum = MIN_ARCHIVE_ARTICLES,
): boolean {
  const { languages } = modelSettings(modelId);
  if (languages === 'archive') {
    return trained !== undefined && (byPrimaryLanguage(trained)[language] ?? 0) >= minimum;
  }
  return languages === 'multilingual' || languages === undefined || languages.includes(language);
}

/** Articles per primary subtag (`en`) of `trained`, whose language tags may carry regions. */
export function byPrimaryLanguage(
  trained: Readonly<Record<string, number>>,
): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const [tag, count] of Object.entries(trained)) {
    const language = tag.toLowerCase().split('-')[0] ?? tag;
    totals[language] = (totals[language] ?? 0) + count;
  }
  return totals;
}
