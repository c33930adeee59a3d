/** Option parsers shared by the CLI commands: one rule, one message, for every numeric flag. */
import { InvalidArgumentError } from 'commander';

/** A commander parser for a whole number in `min..max`; the message names the rule. */
export function wholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`must be a whole number ${min}..${max}`);
    }
    return n;
  };
}
