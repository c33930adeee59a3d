import { describe, expect, it } from 'vitest';
import { createLexicalIndex } from './memory-lexical-index.js';
import { parseTermsText, termListOf } from './terms-text.js';

const asParsed = (text: string) => termListOf(JSON.parse(text));

describe('parseTermsText', () => {
  it.each([
    ['{}'],
    ['{"flore":8,"egi":7,"ign":7}'],
    ['{"café":1.5,"naïve":-2,"x":0.25e-3,"y":1E+2}'],
    ['{"2024":3,"alpha":1,"7":2,"beta":4}'],
    ['{"say \\"hi\\"":1,"a\\\\b":2,"\\u00e9t\\u00e9":3}'],
    ['{"a:b":1,"c,d":2,"__proto__":3}'],
    ['{"a" : 1, "b":2}'],
  ])('lists %s as JSON.parse and for...in do', (text) => {
    expect(parseTermsText(text)).toEqual(asParsed(text));
  });

  it.each([['{"a":1,}'], ['{"a":0x10}'], ['{"a":Infinity}'], ['{"a":1.}'], ['{"a":01}'], ['']])(
    'rejects %s as JSON.parse does',
    (text) => {
      expect(() => parseTermsText(text)).toThrow();
    },
  );

  it('makes the same lexical index as the parsed objects, a key listed twice included', () => {
    const texts = [
      '{"storm":3,"coast":2,"2024":1}',
      '{"coast":1,"ferry":4,"storm":1}',
      '{"ferry":2,"ferry":5,"harbour":1}',
    ];
    const fromObjects = createLexicalIndex();
    const fromText = createLexicalIndex();
    texts.forEach((text, i) => {
      fromObjects.upsert(`a${i}`, JSON.parse(text));
      fromText.upsertList(`a${i}`, parseTermsText(text));
    });
    expect(fromText.pack()).toEqual(fromObjects.pack());
    expect(fromText.between('a1', 'a2')).toBe(fromObjects.between('a1', 'a2'));
  });
});
