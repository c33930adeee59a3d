/**
 * Titles as text: CMSs send titles with HTML entities and inline markup (`Caf&eacute; prices
 * &amp; coffee <b>beans</b>`); the stored title is what a reader should see (`Café prices & coffee
 * beans`), on one line. html-to-text (the library that reduces bodies) decodes every HTML5 entity
 * and drops the tags; a title with no tag and no entity takes the fast path untouched.
 */
import { convert } from 'html-to-text';

const MAY_HOLD_MARKUP = /<[a-z!/][^>]*>|&[a-z#0-9]+;/i;

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({
  selector,
  options: { uppercase: false },
}));

/** The plain text of a title: markup dropped, entities decoded, whitespace runs made one space. */
export function titleText(title: string): string {
  const text = MAY_HOLD_MARKUP.test(title)
    ? convert(title, {
        wordwrap: false,
        selectors: [
          { selector: 'a', options: { ignoreHref: true } },
          { selector: 'img', format: 'skip' },
          { selector: 'script', format: 'skip' },
          { selector: 'style', format: 'skip' },
          ...HEADINGS,
        ],
      })
    : title;
  return text.replace(/\s+/g, ' ').trim();
}
