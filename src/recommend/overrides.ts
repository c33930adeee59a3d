/**
 * Editor overrides of one source article: pinned ids (shown first, in order) and blocked ids
 * (never shown). Validates the shape (arrays of at most OVERRIDES_MAX_IDS article ids), that the
 * source exists, and that every pinned or blocked id is a stored article other than the source.
 * An id the saved overrides already hold stays accepted after its article is deleted, so an
 * editor can always save the lists read back (a missing pin is skipped when the list is built).
 */
import { ArticleIdSchema } from '../articles/article.js';
import { articleNotFound, type FieldIssue, validationError } from '../errors.js';
import type { ArticleStore, Overrides } from '../store/article-store.js';
import type { OverridesService } from './types.js';

/** Most ids in one pinned or blocked list (the HTTP schema and the use case share it). */
export const OVERRIDES_MAX_IDS = 50;

/** Creates the overrides use case over `store`. */
export function createOverrides(deps: { store: ArticleStore }): OverridesService {
  const requireSource = async (id: string) => {
    if (!(await deps.store.get(id))) {
      throw articleNotFound(id);
    }
  };
  return {
    async get(id) {
      await requireSource(id);
      return deps.store.getOverrides(id);
    },
    async set(id, overrides) {
      const clean = validateOverrides(overrides);
      await requireSource(id);
      const saved = await deps.store.getOverrides(id);
      const issues = await referenceIssues(deps.store, id, overrides, saved);
      if (issues.length > 0) {
        throw validationError(issues, 'Invalid overrides');
      }
      await deps.store.setOverrides(id, clean);
      return deps.store.getOverrides(id);
    },
  };
}

/** Checks both lists and removes repeated ids (first occurrence kept); throws VALIDATION_FAILED. */
export function validateOverrides(input: unknown): Overrides {
  const value = (typeof input === 'object' && input !== null ? input : {}) as Record<
    string,
    unknown
  >;
  const issues: FieldIssue[] = [];
  const pinned = idList(value.pinned, 'pinned', issues);
  const blocked = idList(value.blocked, 'blocked', issues);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    issues.push({ field: '', message: 'must be an object {pinned, blocked}' });
  }
  if (issues.length > 0) {
    throw validationError(issues, 'Invalid overrides');
  }
  return { pinned, blocked };
}

function idList(value: unknown, field: string, issues: FieldIssue[]): string[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value)) {
    issues.push({ field, message: 'must be an array of article ids' });
    return [];
  }
  if (value.length > OVERRIDES_MAX_IDS) {
    issues.push({ field, message: `must hold at most ${OVERRIDES_MAX_IDS} ids` });
  }
  value.forEach((item, index) => {
    const result = ArticleIdSchema.safeParse(item);
    if (!result.success) {
      issues.push({ field: `${field}.${index}`, message: result.error.issues[0]?.message ?? '' });
    }
  });
  return [...new Set(value.filter((item): item is string => typeof item === 'string'))];
}

/**
 * Ids that are the source itself, or no stored article (unless `saved` already holds them), named
 * by their place in the request (`pinned.2`). Call after the shape is validated.
 */
async function referenceIssues(
  store: ArticleStore,
  sourceId: string,
  requested: Overrides,
  saved: Overrides,
): Promise<FieldIssue[]> {
  const fields = ['pinned', 'blocked'] as const;
  const found = await store.getHeaders(fields.flatMap((field) => requested[field] ?? []));
  const issues: FieldIssue[] = [];
  for (const field of fields) {
    const kept = new Set(saved[field]);
    (requested[field] ?? []).forEach((ref, index) => {
      if (ref === sourceId) {
        issues.push({ field: `${field}.${index}`, message: 'must not be the source article' });
      } else if (!found.has(ref) && !kept.has(ref)) {
        issues.push({
          field: `${field}.${index}`,
          message: `no article with id ${JSON.stringify(ref)}`,
        });
      }
    });
  }
  return issues;
}
