import { describe, expect, it } from 'vitest';
import { createInterner, stringTable } from './pool-codec.js';

describe('createInterner over saved strings', () => {
  it('maps the saved strings a part at a time and says when it is done', () => {
    const interner = createInterner(stringTable(['a', 'b', 'c', 'd', 'e']));
    expect(interner.warm(2)).toBe(false);
    expect(interner.warm(2)).toBe(false);
    expect(interner.warm(2)).toBe(true);
    expect(interner.find('e')).toBe(4);
  });

  it('finds every saved string before the warming is done, and numbers new ones after them', () => {
    const interner = createInterner(stringTable(['a', 'b', 'c']));
    interner.warm(1);
    expect(interner.find('c')).toBe(2);
    expect(interner.id('b')).toBe(1);
    expect(interner.id('z')).toBe(3);
    expect(interner.text(3)).toBe('z');
    expect(interner.strings.count).toBe(4);
    expect(interner.warm(10)).toBe(true);
  });
});
