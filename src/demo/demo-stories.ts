/**
 * The demo corpus's ground truth (stories.json beside it): which articles tell the same story
 * (with a name every report of the story contains), the near-duplicate pairs, and the teasers that
 * must never follow a news story. Shared by the corpus test and the eval-corpus script, so the
 * README's tables, the test and the measured labels cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** The bundled ground truth, beside this module. */
export const DEMO_STORIES = new URL('./stories.json', import.meta.url);

const demoId = z.string().regex(/^demo-(uk-)?\d{4}$/);

const DemoStoriesSchema = z.object({
  /** Story name -> its language, a name each of its articles contains, and its article ids. */
  stories: z.record(
    z.string().regex(/^[a-z0-9-]+$/),
    z.object({ language: z.string().min(2), entity: z.string().min(1), ids: z.array(demoId) }),
  ),
  /** The same wire story under two headlines. */
  nearDuplicates: z.array(z.tuple([demoId, demoId])),
  /** Gossip, crime and health-scare teasers. */
  teasers: z.array(demoId),
});

/** The parsed ground truth of the demo corpus. */
export type DemoStories = z.infer<typeof DemoStoriesSchema>;

/** Reads and validates the ground truth at `path` (the bundled one by default). */
export function loadDemoStories(path: URL | string = DEMO_STORIES): DemoStories {
  return DemoStoriesSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** Every grouped article id -> its story name. */
export function storyOfArticle(stories: DemoStories): Map<string, string> {
  const byId = new Map<string, string>();
  for (const [story, { ids }] of Object.entries(stories.stories)) {
    for (const id of ids) {
      byId.set(id, story);
    }
  }
  return byId;
}
