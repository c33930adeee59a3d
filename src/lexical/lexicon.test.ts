import { describe, expect, it } from 'vitest';
import { createLexicon, type WordRule } from './lexicon.js';

/** Lower-cases; words of one letter are no content words; the stem drops a final "s". */
const rule: WordRule = (raw) => {
  const surface = raw.toLowerCase();
  return surface.length < 2 ? null : { surface, stem: surface.replace(/s$/, '') };
};

function countingRule() {
  const seen: string[] = [];
  const counted: WordRule = (raw) => {
    seen.push(raw);
    return rule(raw);
  };
  return { seen, counted };
}

describe('createLexicon', () => {
  it('gives what the rule gives, and null for tokens that are no content word', () => {
    const lexicon = createLexicon(rule, 100);
    lexicon.begin();
    expect(lexicon.word('Harbours')).toMatchObject({
      surface: 'harbours',
      tally: { stem: 'harbour' },
    });
    expect(lexicon.word('a')).toBeNull();
  });

  it('applies the rule once per distinct token', () => {
    const { seen, counted } = countingRule();
    const lexicon = createLexicon(counted, 100);
    lexicon.begin();
    for (const raw of ['Storm', 'storm', 'Storm', 'a', 'a']) {
      lexicon.word(raw);
    }
    expect(seen).toEqual(['Storm', 'storm', 'a']);
  });

  it('gives tokens of one stem one shared tally', () => {
    const lexicon = createLexicon(rule, 100);
    lexicon.begin();
    expect(lexicon.word('Floods')?.tally).toBe(lexicon.word('flood')?.tally);
    expect(lexicon.word('flood')?.tally).not.toBe(lexicon.word('rain')?.tally);
  });

  it('numbers each analysis with a new epoch', () => {
    const lexicon = createLexicon(rule, 100);
    const first = lexicon.begin();
    expect(lexicon.begin()).toBeGreaterThan(first);
  });

  it('forgets everything once over its limit, at the start of the next analysis only', () => {
    const { seen, counted } = countingRule();
    const lexicon = createLexicon(counted, 2);
    lexicon.begin();
    const tally = lexicon.word('rivers')?.tally;
    lexicon.word('coast');
    lexicon.word('wind');
    // Over the limit in the middle of an analysis: a token of a known stem keeps its tally.
    expect(lexicon.size()).toBe(3);
    expect(lexicon.word('river')?.tally).toBe(tally);
    lexicon.begin();
    expect(lexicon.size()).toBe(0);
    const again = lexicon.word('rivers');
    expect(again).toMatchObject({ surface: 'rivers', tally: { stem: 'river' } });
    expect(seen.filter((raw) => raw === 'rivers')).toHaveLength(2);
  });

  it('stays within its limit while under it', () => {
    const lexicon = createLexicon(rule, 10);
    lexicon.begin();
    lexicon.word('one');
    lexicon.word('two');
    lexicon.begin();
    expect(lexicon.size()).toBe(2);
  });
});
