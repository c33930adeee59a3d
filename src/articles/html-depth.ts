/**
 * How deep the markup of a body nests, as an HTML parser builds it (void elements and implied
 * closes count as browsers count them). Reducing HTML to text walks the element tree
 * recursively, so a body nested thousands deep would exhaust the stack: such a body is refused
 * at validation, with a reason, before anything else reads it.
 */
import { Parser } from 'htmlparser2';
import { MAX_HTML_DEPTH } from './html-text.js';

export { MAX_HTML_DEPTH };

/**
 * True when no element of `html` is nested deeper than `limit`. Stops at the first element
 * beyond it, so hostile input costs no more than the markup up to that point.
 */
export function nestsAtMost(html: string, limit = MAX_HTML_DEPTH): boolean {
  if (countOpenings(html, limit + 1) <= limit) {
    return true;
  }
  let depth = 0;
  let tooDeep = false;
  const parser = new Parser(
    {
      onopentag() {
        depth += 1;
        if (depth > limit) {
          tooDeep = true;
          parser.pause();
        }
      },
      onclosetag() {
        depth -= 1;
      },
    },
    { decodeEntities: false },
  );
  parser.write(html);
  if (!tooDeep) {
    parser.end();
  }
  return !tooDeep;
}

/** How many `<` the text holds, counting no further than `enough`: fewer tags cannot nest deeper. */
function countOpenings(html: string, enough: number): number {
  let count = 0;
  for (let at = html.indexOf('<'); at !== -1 && count < enough; at = html.indexOf('<', at + 1)) {
    count += 1;
  }
  return count;
}
