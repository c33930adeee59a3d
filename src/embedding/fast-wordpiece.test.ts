import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AutoTokenizer, env } from '@xenova/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom, syntheticArticles } from '../bench/synthetic-corpus.js';
import { createFastWordPiece, type FastTokenizer } from './fast-wordpiece.js';

const MODEL_ID = 'morelike-glove-sif-100d';
const MODELS_DIR = resolve('models');
const tokenizerJson = JSON.parse(
  readFileSync(resolve(MODELS_DIR, MODEL_ID, 'tokenizer.json'), 'utf8'),
) as { model: { vocab: Record<string, number> } };

interface Reference {
  encode(text: string, pair: null, options: { add_special_tokens: boolean }): number[];
}

let reference: Reference;
let fast: FastTokenizer;

beforeAll(async () => {
  env.localModelPath = `${MODELS_DIR}/`;
  env.allowRemoteModels = false;
  reference = (await AutoTokenizer.from_pretrained(MODEL_ID)) as unknown as Reference;
  const created = createFastWordPiece(tokenizerJson);
  if (!created) {
    throw new Error('the shipped tokenizer.json should be plain BERT WordPiece');
  }
  fast = created;
}, 30_000);

const expected = (text: string) => reference.encode(text, null, { add_special_tokens: false });

const HANDWRITTEN = [
  '',
  '   ',
  'Hello, World! The quick brown fox jumps over the lazy dog.',
  "Don't stop: e-mail us at info@example.com (or call +1-555-0100) #news $5 100% ~ok` |x| ^y",
  'Café crème, naïve Zürich; Ångström São Paulo Œuvre façade ÉCOLE',
  'İstanbul ǅemal ß straße ﬁnance Ⅻ ＡＢＣ',
  'The “quoted” text — with dashes – and … ellipsis «guillemets» ¿qué? ¡sí!',
  '北京 東京 서울 Москва Αθήνα القاهرة',
  'emoji 😀 rocket🚀 flag 🇬🇧 family 👨‍👩‍👧',
  'tabs\tand\nnew\r\nlines\u000bvertical\u000cfeed',
  'control\u0001chars\u0007here\u007fdel \u00a0nbsp\u2003em\u3000ideo\ufeffbom',
  'literal [CLS] and [SEP] and [UNK] and [PAD] tokens, [cls] lower, x[SEP]y',
  'unbelievableness antidisestablishmentarianism supercalifragilistic xyzzyqwv zzzzzz',
  `${'a'.repeat(99)} ${'b'.repeat(100)} ${'c'.repeat(101)} ${'é'.repeat(101)}`,
  '2024-05-01T10:00:00Z 3.14159 1,000,000 9/11 24/7 covid19 g8 u.s.',
  'combining: e\u0301 a\u0308 n\u0303 o\u0328 and precomposed é ä ñ ǫ',
  'Kelvin \u212a sign and ohm \u2126 and angstrom \u212b',
];

function randomText(random: () => number, length: number): string {
  const pools = [
    'abcdefghijklmnopqrstuvwxyz',
    'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
    '0123456789',
    ' \t\n.,;:!?\'"()[]{}-_/\\@#$%^&*+=<>|~`',
    'éèêëàâäôöûüçñßøåæœÀÉÎÕÜ',
    '“”‘’—–…«»¿¡·•€£¥§©®°±',
    '中文字日本語한국어абвгдеёжαβγδ',
    '\u0301\u0308\u200d\u00a0\u3000\u0000\u0007',
  ];
  let text = '';
  for (let i = 0; i < length; i += 1) {
    const pool = pools[Math.floor(random() * random() * pools.length)] ?? 'a';
    text += [...pool][Math.floor(random() * [...pool].length)] ?? 'a';
  }
  return text;
}

describe('createFastWordPiece', () => {
  it('matches the transformers.js tokenizer on handwritten edge cases', () => {
    for (const text of HANDWRITTEN) {
      expect({ text, ids: fast.encode(text) }).toEqual({ text, ids: expected(text) });
    }
  });

  it('matches the transformers.js tokenizer on synthetic news articles', () => {
    const vocabulary = Object.entries(tokenizerJson.model.vocab)
      .sort((a, b) => a[1] - b[1])
      .map(([word]) => word);
    for (const article of syntheticArticles({ vocabulary, articles: 50, seed: 7 })) {
      expect(fast.encode(article.title)).toEqual(expected(article.title));
      expect(fast.encode(article.body)).toEqual(expected(article.body));
    }
  });

  it('matches the transformers.js tokenizer on random mixed-script text', () => {
    const random = createRandom(11);
    for (let n = 0; n < 400; n += 1) {
      const text = randomText(random, 1 + Math.floor(random() * 120));
      expect({ text, ids: fast.encode(text) }).toEqual({ text, ids: expected(text) });
    }
  });

  it('declines tokenizers that are not plain BERT WordPiece', () => {
    const bpe = { ...tokenizerJson, model: { ...tokenizerJson.model, type: 'BPE' } };
    const cleaning = { ...tokenizerJson, normalizer: { type: 'BertNormalizer', clean_text: true } };
    const metaspace = { ...tokenizerJson, pre_tokenizer: { type: 'Metaspace' } };
    expect(createFastWordPiece(bpe)).toBeUndefined();
    expect(createFastWordPiece(cleaning)).toBeUndefined();
    expect(createFastWordPiece(metaspace)).toBeUndefined();
  });
});
