/**
 * A fast BERT WordPiece tokenizer that reproduces transformers.js 2.17's tokenizer token for token
 * for plain BERT `tokenizer.json` files (BertNormalizer without the control-character and CJK
 * passes, BertPreTokenizer, WordPiece with a `##` continuation prefix and an unknown token). It
 * skips what makes the general tokenizer slow for long articles: the Unicode NFD pass on ASCII
 * text, the Unicode-property regex per word, the code-point array and substring joins per word,
 * and the second token-to-id lookup. Any other tokenizer.json gets `undefined` (use the general
 * one).
 */
import { readFileSync } from 'node:fs';

/** Token ids without special tokens, as `encode(text, null, { add_special_tokens: false })`. */
export interface FastTokenizer {
  encode(text: string): number[];
}

interface AddedTokenJson {
  readonly id: number;
  readonly content: string;
  readonly lstrip?: boolean;
  readonly rstrip?: boolean;
}

interface BertTokenizerJson {
  readonly added_tokens?: readonly AddedTokenJson[];
  readonly normalizer?: {
    readonly type?: string;
    readonly clean_text?: boolean;
    readonly handle_chinese_chars?: boolean;
    readonly lowercase?: boolean;
    readonly strip_accents?: boolean | null;
  } | null;
  readonly pre_tokenizer?: { readonly type?: string } | null;
  readonly model?: {
    readonly type?: string;
    readonly vocab?: Readonly<Record<string, number>>;
    readonly unk_token?: string;
    readonly continuing_subword_prefix?: string;
    readonly max_input_chars_per_word?: number;
    readonly fuse_unk?: boolean;
  };
}

/** transformers.js' PUNCTUATION_REGEX: \p{P} plus every ASCII symbol. */
export const PUNCTUATION = '\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E';
const WORDS = new RegExp(`[^\\s${PUNCTUATION}]+|[${PUNCTUATION}]`, 'gu');
// biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII test on purpose
const ASCII = /^[\u0000-\u007f]*$/;
const SLOW_CACHE_LIMIT = 50_000;

/** The fast tokenizer for a parsed tokenizer.json; undefined when it is not plain BERT WordPiece. */
export function createFastWordPiece(json: unknown): FastTokenizer | undefined {
  const config = json as BertTokenizerJson;
  const { model, normalizer, pre_tokenizer: pre } = config ?? {};
  const plain =
    model?.type === 'WordPiece' &&
    model.vocab !== undefined &&
    model.fuse_unk !== true &&
    pre?.type === 'BertPreTokenizer' &&
    (normalizer === null ||
      normalizer === undefined ||
      (normalizer.type === 'BertNormalizer' &&
        normalizer.clean_text !== true &&
        normalizer.handle_chinese_chars !== true));
  if (!plain || !model?.vocab) {
    return undefined;
  }
  const vocab = new Map<string, number>(Object.entries(model.vocab));
  const added = config.added_tokens ?? [];
  for (const token of added) {
    vocab.set(token.content, token.id);
  }
  const unkId = vocab.get(model.unk_token ?? '[UNK]');
  if (unkId === undefined) {
    return undefined;
  }
  const words = createWordPiece(vocab, {
    unkId,
    prefix: model.continuing_subword_prefix ?? '##',
    maxChars: model.max_input_chars_per_word ?? 100,
  });
  const normalize = createNormalizer(normalizer ?? undefined);
  const addedSplit = createAddedTokenSplit(added);

  const encodeSection = (section: string, out: number[]) => {
    const text = normalize(section);
    if (text.length > 0) {
      preTokenize(text, (word) => words(word, out));
    }
  };
  return {
    encode(text) {
      const out: number[] = [];
      const sections = addedSplit(text);
      if (sections === undefined) {
        encodeSection(text, out);
        return out;
      }
      for (const section of sections) {
        const id = addedId(added, section);
        if (id === undefined) {
          encodeSection(section, out);
        } else {
          out.push(id);
        }
      }
      return out;
    },
  };
}

function addedId(added: readonly AddedTokenJson[], section: string): number | undefined {
  return added.find((token) => token.content === section)?.id;
}

/** Splits around added tokens exactly as transformers.js; undefined when the text holds none. */
function createAddedTokenSplit(
  added: readonly AddedTokenJson[],
): (text: string) => string[] | undefined {
  if (added.length === 0) {
    return () => undefined;
  }
  const pattern = new RegExp(
    added
      .map((t) => `${t.lstrip ? '\\s*' : ''}(${escapeRegExp(t.content)})${t.rstrip ? '\\s*' : ''}`)
      .join('|'),
  );
  return (text) => {
    if (!added.some((token) => text.includes(token.content))) {
      return undefined;
    }
    return text.split(pattern).filter((part): part is string => Boolean(part));
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** BertNormalizer.normalize of transformers.js, with an ASCII fast path (NFD changes no ASCII). */
function createNormalizer(
  config: BertTokenizerJson['normalizer'] | undefined,
): (text: string) => string {
  if (config === undefined || config === null) {
    return (text) => text;
  }
  const lowercase = config.lowercase === true;
  const strip = lowercase ? config.strip_accents !== false : config.strip_accents === true;
  const stripAccents = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return (text) => {
    const lowered = lowercase ? text.toLowerCase() : text;
    return strip && !ASCII.test(lowered) ? stripAccents(lowered) : lowered;
  };
}

/**
 * BertPreTokenizer: runs of neither whitespace nor punctuation, and single punctuation marks.
 * ASCII text is scanned by char code (the same classes as the regex); other text uses the regex.
 */
function preTokenize(text: string, emit: (word: string) => void): void {
  if (!ASCII.test(text)) {
    for (const match of text.trim().matchAll(WORDS)) {
      emit(match[0]);
    }
    return;
  }
  let start = -1;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    const space = code === 32 || (code >= 9 && code <= 13);
    const punctuation =
      (code >= 33 && code <= 47) ||
      (code >= 58 && code <= 64) ||
      (code >= 91 && code <= 96) ||
      (code >= 123 && code <= 126);
    if (space || punctuation) {
      if (start >= 0) {
        emit(text.slice(start, i));
        start = -1;
      }
      if (punctuation) {
        emit(text.charAt(i));
      }
    } else if (start < 0) {
      start = i;
    }
  }
  if (start >= 0) {
    emit(text.slice(start));
  }
}

/** Greedy longest-match-first WordPiece of one word, appending ids; whole words in one lookup. */
function createWordPiece(
  vocab: ReadonlyMap<string, number>,
  options: { unkId: number; prefix: string; maxChars: number },
): (word: string, out: number[]) => void {
  const slow = new Map<string, readonly number[]>();
  const split = (word: string): number[] => {
    const chars = [...word];
    if (chars.length > options.maxChars) {
      return [options.unkId];
    }
    const ids: number[] = [];
    let start = 0;
    while (start < chars.length) {
      let end = chars.length;
      let found: number | undefined;
      while (start < end) {
        const piece = chars.slice(start, end).join('');
        found = vocab.get(start > 0 ? options.prefix + piece : piece);
        if (found !== undefined) {
          break;
        }
        end -= 1;
      }
      if (found === undefined) {
        return [options.unkId];
      }
      ids.push(found);
      start = end;
    }
    return ids;
  };
  return (word, out) => {
    // A UTF-16 length within the limit means a code-point length within it too.
    const whole = word.length <= options.maxChars ? vocab.get(word) : undefined;
    if (whole !== undefined) {
      out.push(whole);
      return;
    }
    let ids = slow.get(word);
    if (ids === undefined) {
      ids = split(word);
      if (slow.size >= SLOW_CACHE_LIMIT) {
        slow.clear();
      }
      slow.set(word, ids);
    }
    for (const id of ids) {
      out.push(id);
    }
  };
}

/** Texts the fast tokenizer must encode exactly as the general one before it is used. */
export const SELF_CHECK: readonly string[] = [
  'Hello, World! Café naïve Zürich — “quoted” 3.14 [CLS] x[SEP]y',
  'unbelievableness 北京 😀 ＡＢＣ İstanbul',
  'the model reports its dimensions',
];

/**
 * The fast tokenizer for the model folder's tokenizer.json when it is plain BERT WordPiece and
 * agrees with `reference` (the general tokenizer) on a few mixed texts; otherwise undefined.
 */
export function verifiedFastWordPiece(
  tokenizerJsonPath: string,
  reference: (text: string) => number[],
): FastTokenizer | undefined {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(tokenizerJsonPath, 'utf8'));
  } catch {
    return undefined;
  }
  const fast = createFastWordPiece(json);
  const agrees = (text: string) => {
    const a = fast?.encode(text) ?? [];
    const b = reference(text);
    return a.length === b.length && a.every((id, i) => id === b[i]);
  };
  return fast && SELF_CHECK.every(agrees) ? fast : undefined;
}
