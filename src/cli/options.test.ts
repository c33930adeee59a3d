import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { wholeNumber } from './options.js';

describe('wholeNumber', () => {
  const port = wholeNumber(0, 65_535);

  it('accepts whole numbers inside the range, bounds included', () => {
    expect(port('0')).toBe(0);
    expect(port('65535')).toBe(65_535);
  });

  it('rejects fractions, text, blanks and numbers out of range, naming the rule', () => {
    for (const bad of ['1.5', 'eighty', '', '  ', '-1', '65536']) {
      expect(() => port(bad)).toThrow(InvalidArgumentError);
      expect(() => port(bad)).toThrow('must be a whole number 0..65535');
    }
  });
});
