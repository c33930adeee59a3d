/**
 * `morelike/client` as a site installs it: the package built by scripts/build-client.ts, resolved
 * through package.json `exports` from another folder, run by plain Node with no other package
 * installed (so it has no run-time dependency) against the real server, and type-checked by tsc as
 * a TypeScript consumer would.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient } from '../../scripts/build-client.js';
import { articleBody, send } from '../helpers/requests.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

let server: TestServer;
let site: string;

beforeAll(async () => {
  server = await startTestServer();
  for (const [id, title] of [
    ['flood-1', 'Storm floods the harbour town as the sea wall gives way'],
    ['flood-2', 'Council promises new flood defences for the harbour after the storm'],
  ] as const) {
    await fetch(`${server.url}/v1/articles/${id}`, send('PUT', articleBody(title)));
  }
  // A site's folder: node_modules/morelike holds package.json and the built lib/ only.
  site = mkdtempSync(join(tmpdir(), 'morelike-site-'));
  const pkg = join(site, 'node_modules', 'morelike');
  buildClient(join(pkg, 'lib'));
  cpSync(join(ROOT, 'package.json'), join(pkg, 'package.json'));
  writeFileSync(join(site, 'package.json'), '{"private": true, "type": "module"}\n');
}, 180_000);

afterAll(async () => {
  await server?.close();
  if (site) {
    rmSync(site, { recursive: true, force: true });
  }
});

describe('morelike/client, installed', () => {
  it('runs in plain Node with no other package installed', async () => {
    const script = `
      import { createClient, MorelikeError } from 'morelike/client';
      const client = createClient({ baseUrl: ${JSON.stringify(server.url)} });
      const list = await client.related('flood-1', { limit: 3, minScore: 0 });
      const error = await client.getArticle('missing').catch((e) => e);
      console.log(JSON.stringify({
        source: list.source.id,
        items: list.items.map((i) => i.id),
        error: [error instanceof MorelikeError, error.code, error.status],
      }));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: site,
    });
    expect(JSON.parse(stdout)).toEqual({
      source: 'flood-1',
      items: ['flood-2'],
      error: [true, 'ARTICLE_NOT_FOUND', 404],
    });
  });

  it('gives a TypeScript consumer the types of the API (the README example included)', async () => {
    // Types need zod (a dependency of morelike); link it in as npm would install it.
    symlinkSync(join(ROOT, 'node_modules', 'zod'), join(site, 'node_modules', 'zod'), 'dir');
    writeFileSync(
      join(site, 'consumer.ts'),
      `import { createClient, type RelatedItem } from 'morelike/client';
const client = createClient({ baseUrl: 'http://localhost:3000' });
export async function titles(id: string): Promise<string[]> {
  const list = await client.related(id, { limit: 4, tags: ['harbour'] });
  const first: RelatedItem | undefined = list.items[0];
  return list.items.map((item) => item.title).concat(first?.url ?? []);
}
// @ts-expect-error limit is a number
void client.related('a', { limit: 'four' });
// @ts-expect-error an article needs a title
void client.putArticle({ id: 'a' });
`,
    );
    // The README's client example, as written (process.env declared: no Node types here).
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const example = /### Typed client[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(example).toContain("from 'morelike/client'");
    writeFileSync(
      join(site, 'readme-example.ts'),
      `declare const process: { env: Record<string, string | undefined> };\n${example}`,
    );
    writeFileSync(
      join(site, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'ES2022',
          lib: ['ES2023', 'DOM'],
          noEmit: true,
          types: [],
        },
        files: ['consumer.ts', 'readme-example.ts'],
      }),
    );
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', site]).catch((error) => error);
    expect(`${result.stdout}${result.stderr ?? ''}`).toBe('');
  });
});
