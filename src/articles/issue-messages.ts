/**
 * Readable messages for every zod issue a schema did not word itself: passed as the per-parse
 * error map wherever outside input is validated (articles, request options, bodies), so a client
 * never sees zod's own wording ("Invalid input: expected object, received number"), only the
 * rule: `must be an object`, `must be at most 50`, `must be one of a, b`. Schema-level messages
 * still win; this map only fills the gaps.
 */
import type { z } from 'zod';

const TYPE_RULE: Record<string, string> = {
  object: 'must be an object',
  array: 'must be an array',
  string: 'must be a string',
  number: 'must be a number',
  int: 'must be a whole number',
  boolean: 'must be true or false',
  null: 'must be null',
};

/** `must be at most 200 characters`, `must hold at most 50 items`, `must be at least 1`. */
function sizeMessage(
  code: 'too_big' | 'too_small',
  origin: string,
  limit: number | bigint,
  inclusive: boolean | undefined,
): string {
  const unit = origin === 'string' ? ' characters' : origin === 'array' ? ' items' : '';
  const verb = origin === 'array' || origin === 'set' ? 'hold' : 'be';
  if (inclusive === false) {
    return `must ${verb} ${code === 'too_big' ? 'less' : 'more'} than ${limit}${unit}`;
  }
  return `must ${verb} ${code === 'too_big' ? 'at most' : 'at least'} ${limit}${unit}`;
}

/** The zod error map: one readable rule per issue code. */
export const readableIssue: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? 'is required'
        : (TYPE_RULE[issue.expected] ?? `must be of type ${issue.expected}`);
    case 'too_big':
      return sizeMessage(issue.code, issue.origin, issue.maximum, issue.inclusive);
    case 'too_small':
      return sizeMessage(issue.code, issue.origin, issue.minimum, issue.inclusive);
    case 'invalid_format':
      return `must be a valid ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys':
      return `has unknown fields: ${issue.keys.join(', ')}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_union':
      return 'does not match any accepted form';
    default:
      return 'is invalid';
  }
};
