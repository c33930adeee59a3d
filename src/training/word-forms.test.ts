import { describe, expect, it } from 'vitest';
import { parseArticle } from '../articles/article.js';
import { scanCorpus } from './corpus.js';
import { wordForms } from './word-forms.js';

async function formsOf(texts: readonly string[], language = 'en') {
  const corpus = await scanCorpus(
    texts.map((body, i) => parseArticle({ id: `a${i}`, title: 'x', body, language })),
  );
  // Every stem gets its own column, in stem id order.
  const column = Int32Array.from(corpus.stems.keys());
  const forms = wordForms(corpus.raw, column, 1000);
  const stemOf = (form: string) => {
    const found = forms.find((entry) => entry.form === form);
    return found === undefined ? undefined : corpus.stems[found.column];
  };
  return { forms, stemOf };
}

describe('wordForms', () => {
  it('maps each lower-case form to its stem, forms of one stem to the same one', async () => {
    const { stemOf } = await formsOf(['Floods flooded the flood plain', 'The flood returned']);
    expect(stemOf('floods')).toBe('flood');
    expect(stemOf('flooded')).toBe('flood');
    expect(stemOf('flood')).toBe('flood');
    expect(stemOf('Floods')).toBeUndefined();
  });

  it('leaves stopwords, numbers and one-letter tokens out', async () => {
    const { stemOf } = await formsOf(['The storm hit 2024 homes in a day']);
    expect(stemOf('the')).toBeUndefined();
    expect(stemOf('2024')).toBeUndefined();
    expect(stemOf('a')).toBeUndefined();
    expect(stemOf('storm')).toBe('storm');
  });

  it('keeps Cyrillic words and their letters й, ї, є whole', async () => {
    // 'її' and 'і' are Ukrainian stopwords; 'їжу' keeps its ї.
    const { forms } = await formsOf(['Її миротворці підтримують Європу і мир та їжу'], 'uk');
    expect(forms.map((entry) => entry.form)).toEqual(
      expect.arrayContaining(['миротворці', 'підтримують', 'європу', 'мир', 'їжу']),
    );
  });

  it('lets the long pieces of a word with an apostrophe stand for its stem', async () => {
    const { stemOf } = await formsOf(['м’ясо подорожчало', "м'ясо"], 'uk');
    expect(stemOf('ясо')).toBe('мяс');
    expect(stemOf('м')).toBeUndefined();
  });

  it('lists the most used forms first, ties by form', async () => {
    const { forms } = await formsOf(['zebra zebra apple mango kiwi', 'mango zebra']);
    expect(forms.map((entry) => [entry.form, entry.count])).toEqual([
      ['zebra', 3],
      ['mango', 2],
      ['apple', 1],
      ['kiwi', 1],
    ]);
  });
});
