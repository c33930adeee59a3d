/**
 * How each language's words become terms: its stemmer and its stopwords. English keeps the
 * Porter stemmer, the news stopwords and the demonym folding of this project (its figures are
 * measured with them); every other language the libraries cover uses the Snowball-family
 * stemmers of `@orama/stemmers` and the Snowball stop lists of `@orama/stopwords` (function words
 * only: a list that also drops "war" or "water", as broader lists do, would drop evidence).
 * Ukrainian, whose `@orama/stopwords` list is garbled, takes `stopwords-iso`'s list and the
 * function words of news below. Ukrainian and Russian stems are then folded further (see
 * slavic-fold.ts), so the case forms of one name are one term. A language no library covers is
 * split into words and lower-cased, nothing more.
 */
import { createRequire } from 'node:module';
import * as ar from '@orama/stemmers/arabic';
import * as hy from '@orama/stemmers/armenian';
import * as bg from '@orama/stemmers/bulgarian';
import * as da from '@orama/stemmers/danish';
import * as nl from '@orama/stemmers/dutch';
import * as fi from '@orama/stemmers/finnish';
import * as fr from '@orama/stemmers/french';
import * as de from '@orama/stemmers/german';
import * as el from '@orama/stemmers/greek';
import * as hu from '@orama/stemmers/hungarian';
import * as id from '@orama/stemmers/indonesian';
import * as ga from '@orama/stemmers/irish';
import * as it from '@orama/stemmers/italian';
import * as lt from '@orama/stemmers/lithuanian';
import * as ne from '@orama/stemmers/nepali';
import * as no from '@orama/stemmers/norwegian';
import * as pt from '@orama/stemmers/portuguese';
import * as ro from '@orama/stemmers/romanian';
import * as ru from '@orama/stemmers/russian';
import * as sr from '@orama/stemmers/serbian';
import * as es from '@orama/stemmers/spanish';
import * as sv from '@orama/stemmers/swedish';
import * as ta from '@orama/stemmers/tamil';
import * as tr from '@orama/stemmers/turkish';
import * as uk from '@orama/stemmers/ukrainian';
import { stemmer as porter } from 'stemmer';
import { placeOf } from './demonyms.js';
import { foldSlavicName, foldSlavicStem } from './slavic-fold.js';
import { STOPWORDS, UKRAINIAN_STOPWORDS } from './stopwords.js';

/** One language's word rules. */
export interface LanguageRules {
  /** The primary language subtag these rules are for (`und`: no library covers it). */
  readonly language: string;
  readonly stopwords: ReadonlySet<string>;
  /** The stem of a lower-case content word; `raw` is the word as written (case and all). */
  stem(surface: string, raw: string): string;
}

const require = createRequire(import.meta.url);

/** ISO 639-1 code to `@orama/stemmers` module and `@orama/stopwords` subpath. */
const SNOWBALL: Readonly<Record<string, readonly [{ stemmer(word: string): string }, string]>> = {
  ar: [ar, 'arabic'],
  hy: [hy, 'armenian'],
  bg: [bg, 'bulgarian'],
  da: [da, 'danish'],
  nl: [nl, 'dutch'],
  fi: [fi, 'finnish'],
  fr: [fr, 'french'],
  de: [de, 'german'],
  el: [el, 'greek'],
  hu: [hu, 'hungarian'],
  id: [id, 'indonesian'],
  ga: [ga, 'irish'],
  it: [it, 'italian'],
  lt: [lt, 'lithuanian'],
  ne: [ne, 'nepali'],
  no: [no, 'norwegian'],
  nb: [no, 'norwegian'],
  nn: [no, 'norwegian'],
  pt: [pt, 'portuguese'],
  ro: [ro, 'romanian'],
  ru: [ru, 'russian'],
  sr: [sr, 'serbian'],
  es: [es, 'spanish'],
  sv: [sv, 'swedish'],
  ta: [ta, 'tamil'],
  tr: [tr, 'turkish'],
  uk: [uk, 'ukrainian'],
};

const LETTERS_ONLY = /^\p{L}+$/u;

const ENGLISH: LanguageRules = {
  language: 'en',
  stopwords: STOPWORDS,
  // Words with digits or inner dots (g8, u.s) are names already; stemming would only mangle them.
  stem: (surface) => (LETTERS_ONLY.test(surface) ? porter(placeOf(surface) ?? surface) : surface),
};

const UNKNOWN: LanguageRules = { language: 'und', stopwords: new Set(), stem: (s) => s };

const cache = new Map<string, LanguageRules>([['en', ENGLISH]]);

/** The primary subtag of a BCP 47 tag, lower-case (`pt-BR` is `pt`); `en` when absent. */
export function primarySubtag(language: string | undefined): string {
  return (language ?? 'en').toLowerCase().split('-')[0] || 'en';
}

/** The word rules of `language` (a BCP 47 tag; absent means English). */
export function rulesFor(language: string | undefined): LanguageRules {
  const primary = primarySubtag(language);
  let rules = cache.get(primary);
  if (rules === undefined) {
    rules = buildRules(primary);
    cache.set(primary, rules);
  }
  return rules;
}

/** The languages with a stemmer (besides English), ISO 639-1. */
export const STEMMED_LANGUAGES: readonly string[] = ['en', ...Object.keys(SNOWBALL)];

function buildRules(primary: string): LanguageRules {
  const entry = SNOWBALL[primary];
  if (!entry) {
    return UNKNOWN;
  }
  const [module, name] = entry;
  const stopwords =
    primary === 'uk'
      ? UKRAINIAN_STOPWORDS
      : new Set<string>(require(`@orama/stopwords/${name}`).stopwords as string[]);
  const slavic = primary === 'uk' || primary === 'ru';
  return {
    language: primary,
    stopwords,
    stem: (surface, raw) => {
      if (!LETTERS_ONLY.test(surface)) {
        return surface;
      }
      if (!slavic) {
        return module.stemmer(surface);
      }
      return foldSlavicStem(module.stemmer(foldSlavicName(surface, raw, primary)));
    },
  };
}
