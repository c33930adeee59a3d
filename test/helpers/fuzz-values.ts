/**
 * The raw material of the fuzz cases (test/helpers/fuzz-cases.ts): a seeded PRNG, odd ids, path
 * tricks, content types, bad query options, wrong-typed draft options, random JSON, deep nesting
 * and invalid UTF-8 bytes.
 */
import { createRandom } from '../../src/bench/synthetic-corpus.js';

/** A small deterministic PRNG (mulberry32): numbers in [0, 1). */
export const createRng: (seed: number) => () => number = createRandom;

export type Rng = () => number;

/** One item of `items`, chosen by `rng`. */
export const pick = <T>(rng: Rng, items: readonly T[]): T =>
  items[Math.floor(rng() * items.length)] as T;
/** A whole number in [0, max). */
export const int = (rng: Rng, max: number) => Math.floor(rng() * max);

export const ODD_IDS = [
  'a%2Fb',
  '%2e%2e',
  '..',
  '.',
  '%2F',
  '%2F%2F..%2Fetc%2Fpasswd',
  '%00',
  '%',
  '%zz',
  '%E0%A4%A',
  '%C3%BC',
  '%F0%9F%92%A9',
  '%ED%A0%80',
  'x'.repeat(201),
  'x'.repeat(200),
  '__proto__',
  'constructor',
  'prototype',
  'a:b.c_d-e',
  '%20',
  '+',
  'a;b',
  '%3Cscript%3E',
  'a%252Fb',
];

export const PATH_TRICKS = [
  '/v1/../v1/stats',
  '//v1/stats',
  '/v1/articles/',
  '/v1/articles',
  '/v1/articles/a/b/c',
  '/v1/articles/x/related/extra',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/editor/../package.json',
  '/editor/%2e%2e%2fpackage.json',
  '/editor/..%2f..%2fpackage.json',
  '/editor/editor.js%00.html',
  '/widget.js/..',
  `/${'a'.repeat(4000)}`,
  '/v1/stats?%',
  '/v1/search?q=%ff',
  '/v1/search?q=%25%25%25&limit=-5',
  '/metrics?x=__proto__',
  '/openapi.json/../../',
  '/v1/articles/%2e%2e/related',
  '/V1/STATS',
  '/v1/articles/a/overrides/../../b',
];

export const CONTENT_TYPES = [
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded',
  'application/json; charset=utf-16',
  'application/x-ndjson',
  'application/xml',
  'application/problem+json',
  'application/json',
  'application/json',
  'APPLICATION/JSON',
  '',
  '*/*',
];

export const BAD_QUERIES = [
  'limit=-1',
  'limit=abc',
  'limit=1e309',
  'limit=0x10',
  'limit=51',
  'limit=1&limit=2',
  'minScore=NaN',
  'minScore=-0.5',
  'diversity=Infinity',
  'maxAgeDays=1e400',
  `sections=${','.repeat(5000)}`,
  `excludeIds=${Array.from({ length: 300 }, (_, i) => `id${i}`).join(',')}`,
  '__proto__[admin]=1',
  'constructor=x&prototype=y',
  'limit=%ff',
  'sections=%00',
  'excludeSections[]=a&excludeSections[]=b',
];

/** Draft options of the wrong JSON type (option, JSON text): each must be a 400 naming it. */
export const OPTION_TYPES: readonly (readonly [string, string])[] = [
  ['limit', 'true'],
  ['limit', '[5]'],
  ['limit', '"5"'],
  ['minScore', '""'],
  ['minScore', 'false'],
  ['diversity', '[0.5]'],
  ['maxAgeDays', '{"days":3}'],
];

/** A random JSON value of any type, nested up to `depth`. */
export function randomJson(rng: Rng, depth = 3): unknown {
  const roll = int(rng, depth > 0 ? 9 : 6);
  switch (roll) {
    case 0:
      return null;
    case 1:
      return rng() < 0.5;
    case 2:
      return pick(rng, [0, -1, 1e308, -1e-308, 2 ** 53 + 1, 0.5, 42]);
    case 3:
      return pick(rng, ['', ' ', 'title', '\u0000', '\ud800', '<script>alert(1)</script>', 'é']);
    case 4:
      return 'x'.repeat(int(rng, 3000));
    case 5:
      return pick(rng, ['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
    case 6:
    case 7:
      return Array.from({ length: int(rng, 5) }, () => randomJson(rng, depth - 1));
    default: {
      const keys = ['title', 'body', 'id', 'tags', 'url', 'section', 'limit', 'pinned', 'x'];
      return Object.fromEntries(
        Array.from({ length: int(rng, 6) }, () => [pick(rng, keys), randomJson(rng, depth - 1)]),
      );
    }
  }
}

/** Nesting `levels` deep, as JSON text (arrays or objects). */
export function deepJson(levels: number, objects: boolean): string {
  return objects
    ? `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`
    : `${'['.repeat(levels)}${']'.repeat(levels)}`;
}

/** Bytes that are not valid UTF-8, inside an otherwise JSON-looking body. */
export function invalidUtf8(rng: Rng): Uint8Array {
  const bad = pick(rng, [[0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88], [0xe2, 0x82]]);
  const head = Buffer.from('{"title":"caf');
  const tail = Buffer.from('","body":"x"}');
  return Uint8Array.from([...head, ...bad, ...tail]);
}
