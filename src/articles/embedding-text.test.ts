import { describe, expect, it } from 'vitest';
import { parseArticleItem } from './article.js';
import { embeddingInput, toPlainText } from './embedding-text.js';
import { MAX_HTML_DEPTH } from './html-depth.js';

const nested = (levels: number, tag = 'div') => `${`<${tag}>`.repeat(levels)}deep text`;

describe('toPlainText', () => {
  it('reduces HTML to text and passes plain text through', () => {
    expect(toPlainText('<p>Storm <b>floods</b> the harbour</p>')).toBe('Storm floods the harbour');
    expect(toPlainText('no markup at all')).toBe('no markup at all');
  });

  it('reduces markup nested up to the limit', () => {
    expect(toPlainText(nested(MAX_HTML_DEPTH))).toBe('deep text');
  });

  it('never overflows the stack, however deep the markup (bounded reduction)', () => {
    for (const levels of [3_000, 40_000]) {
      expect(() => toPlainText(nested(levels))).not.toThrow();
    }
  });
});

describe('article bodies with deeply nested markup', () => {
  it('rejects a body nested deeper than the limit, naming the field and the rule', () => {
    const item = parseArticleItem({ id: 'a1', title: 'Deep', body: nested(3_000) });
    expect(item).toEqual({
      ok: false,
      id: 'a1',
      errors: [
        { field: 'body', message: `must not nest HTML elements more than ${MAX_HTML_DEPTH} deep` },
      ],
    });
  });

  it('rejects a title nested deeper than the limit too, before reducing it to text', () => {
    const item = parseArticleItem({ id: 'a1', title: `${'<b>'.repeat(3_000)}Deep` });
    expect(item).toEqual({
      ok: false,
      id: 'a1',
      errors: [
        { field: 'title', message: `must not nest HTML elements more than ${MAX_HTML_DEPTH} deep` },
      ],
    });
  });

  it('counts depth as the HTML parser builds it: void elements, implied closes, closing tags', () => {
    const flat = '<p>para <br> text <img src="x.jpg"> more<ul><li>one<li>two</ul>'.repeat(2_000);
    const closed = '<div><span>x</span></div>'.repeat(2_000);
    for (const body of [flat, closed, nested(MAX_HTML_DEPTH, 'span')]) {
      const item = parseArticleItem({ id: 'a1', title: 'Flat', body });
      expect(item.ok).toBe(true);
      if (item.ok) {
        expect(embeddingInput(item.article).body.length).toBeGreaterThan(0);
      }
    }
  });
});
