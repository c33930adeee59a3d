/**
 * Validation at the HTTP edge: zod schemas through @hono/zod-validator. The hook never builds a
 * response; it throws VALIDATION_FAILED listing every broken rule by field, and `app.onError`
 * renders it like any other error.
 */
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { PARSE_OPTIONS, toFieldIssues } from '../articles/article.js';
import { validationError } from '../errors.js';

const PREFIX: Partial<Record<keyof ValidationTargets, string>> = {
  json: 'Invalid body',
  query: 'Invalid query',
  param: 'Invalid path',
};

/** zod validation of one request part; failures throw AppError('VALIDATION_FAILED'). */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(
  target: Target,
  schema: T,
) {
  return zValidator(
    target,
    schema,
    (result) => {
      if (!result.success) {
        throw validationError(
          // zod-validator types the core error; its `issues` are all toFieldIssues reads.
          toFieldIssues(result.error as unknown as z.ZodError),
          PREFIX[target],
        );
      }
    },
    // zod 4 drops `input` from issues unless asked; toFieldIssues needs it to tell "is required"
    // (absent) from "must be a string" (present, wrong type). PARSE_OPTIONS also words every
    // issue a schema did not word itself. The cast only bridges
    // zod-validator's conditional result type, which TypeScript cannot resolve for a generic T.
    {
      validationFunction: async (s, value) =>
        (await s.safeParseAsync(value, PARSE_OPTIONS)) as never,
    },
  );
}
