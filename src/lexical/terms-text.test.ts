import { describe, expect, it } from 'vitest';
import { createLexicalIndex } from './memory-lexical-index.js';
import { parseTermsText, scanTermSpans, termListOf } from './terms-text.js';

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
      '{"coast":1,"ferry":4.5,"storm":1}',
      '{"ferry":2,"ferry":5,"harbour":1}',
      '{"caf\\u00e9":2,"storm":1e0,"07":3}',
      '{"harbour":12,"tide":0.5,"coast":-1}',
    ];
    const fromObjects = createLexicalIndex();
    const fromLists = createLexicalIndex();
    const fromText = createLexicalIndex();
    texts.forEach((text, i) => {
      fromObjects.upsert(`a${i}`, JSON.parse(text));
      fromLists.upsertList(`a${i}`, parseTermsText(text));
      fromText.upsertText(`a${i}`, text);
    });
    expect(fromLists.pack()).toEqual(fromObjects.pack());
    expect(fromText.pack()).toEqual(fromObjects.pack());
    expect(fromText.between('a1', 'a2')).toBe(fromObjects.between('a1', 'a2'));
    // A restored index goes on interning from text as the live one does.
    const restored = createLexicalIndex(fromText.pack());
    restored.upsertText('b', '{"tide":1,"squall":2,"storm":4}');
    fromObjects.upsert('b', { tide: 1, squall: 2, storm: 4 });
    expect(restored.pack()).toEqual(fromObjects.pack());
  });

  it('reads weights past the plain digits as JSON does', () => {
    const text = '{"a":123456789012345,"b":1234567890123456789,"c":-0,"d":0.1,"e":2E-3}';
    expect(parseTermsText(text)).toEqual(asParsed(text));
    expect(scanTermSpans(text)?.count).toBe(5);
    expect(scanTermSpans('{"a\\"b":1}')).toBeUndefined();
  });
});
