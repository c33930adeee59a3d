import { describe, expect, it } from 'vitest';
import { parseArticle } from './article.js';
import { titleText } from './title-text.js';

describe('titleText', () => {
  it('drops tags and decodes entities', () => {
    expect(titleText('Caf&eacute; prices &amp; coffee <b>beans</b>')).toBe(
      'Café prices & coffee beans',
    );
    expect(titleText('&#8220;Quoted&#8221; &mdash; Fish&nbsp;&amp;&nbsp;chips')).toBe(
      '“Quoted” — Fish & chips',
    );
  });

  it('keeps plain text as it is, bare ampersands and angle brackets included', () => {
    expect(titleText('AT&T earnings: a < b and c > d')).toBe('AT&T earnings: a < b and c > d');
  });

  it('makes one line of block markup, keeps the case of headings and drops scripts', () => {
    expect(titleText('<h1>Storm</h1>\n<p>floods  the town</p>')).toBe('Storm floods the town');
    expect(titleText('<script>alert(1)</script>Harbour news')).toBe('Harbour news');
  });

  it('decodes an escaped tag into text, never into markup', () => {
    expect(titleText('Why &lt;script&gt; tags matter')).toBe('Why <script> tags matter');
  });
});

describe('Article title', () => {
  it('is stored as text', () => {
    const article = parseArticle({
      id: 'a',
      title: ' Caf&eacute; prices &amp; coffee <b>beans</b> ',
    });
    expect(article.title).toBe('Café prices & coffee beans');
  });

  it('must hold text once markup is removed (markup alone is empty)', () => {
    expect(() => parseArticle({ id: 'a', title: '<img src="x.png">' })).toThrow(
      'title: must not be empty',
    );
  });
});
