/**
 * The Hugging Face files beside an ONNX model that transformers.js reads: a BERT WordPiece
 * `tokenizer.json` (lowercasing, accent-stripping BertNormalizer, BertPreTokenizer, `[CLS] $A [SEP]`
 * template), `tokenizer_config.json` and a BERT `config.json`.
 */

export interface TokenizerFileOptions {
  /** Tokens in id order; must hold [PAD], [UNK], [CLS] and [SEP]. */
  readonly vocabulary: readonly string[];
  readonly modelMaxLength: number;
  /**
   * BertNormalizer's per-character passes (control-character cleaning, spacing around CJK).
   * Off for the static model: they cost most of the tokenizer's time and change nothing for
   * English news text (control characters and CJK never match a GloVe word anyway).
   */
  readonly characterPasses: boolean;
  /**
   * BertNormalizer's accent stripping: unset leaves it to `lowercase` (stripped, as the shipped
   * English model wants); false keeps й, ї, é whole, as a model of any language needs.
   */
  readonly stripAccents?: boolean;
}

const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'] as const;

/** The `tokenizer.json` object. */
export function tokenizerJson(options: TokenizerFileOptions): Record<string, unknown> {
  const vocab: Record<string, number> = Object.create(null);
  options.vocabulary.forEach((token, id) => {
    vocab[token] = id;
  });
  const idOf = (token: string): number => {
    const id = vocab[token];
    if (id === undefined) {
      throw new Error(`vocabulary lacks ${token}`);
    }
    return id;
  };
  const special = (token: string) => ({ SpecialToken: { id: token, type_id: 0 } });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIALS.map((content) => ({
      id: idOf(content),
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: options.characterPasses,
      handle_chinese_chars: options.characterPasses,
      strip_accents: options.stripAccents ?? null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [special('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, special('[SEP]')],
      pair: [
        special('[CLS]'),
        { Sequence: { id: 'A', type_id: 0 } },
        special('[SEP]'),
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: Object.fromEntries(
        ['[CLS]', '[SEP]'].map((token) => [
          token,
          { id: token, ids: [idOf(token)], tokens: [token] },
        ]),
      ),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab,
    },
  };
}

/** The `tokenizer_config.json` object. */
export function tokenizerConfigJson(modelMaxLength: number): Record<string, unknown> {
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    model_max_length: modelMaxLength,
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    clean_up_tokenization_spaces: true,
  };
}

/** The `config.json` object: a BERT encoder as far as transformers.js' AutoModel cares. */
export function modelConfigJson(
  hiddenSize: number,
  vocabSize: number,
  maxPositions: number,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: hiddenSize,
    vocab_size: vocabSize,
    max_position_embeddings: maxPositions,
    pad_token_id: 0,
    ...extra,
  };
}

/** JSON text as written to disk (stable key order as built, newline-terminated). */
export function toJsonText(value: unknown, pretty = true): string {
  return `${JSON.stringify(value, null, pretty ? 2 : undefined)}\n`;
}
