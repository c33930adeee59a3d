/**
 * Checks the Dockerfile without Docker (it does not run on our machines): multi-stage with a slim
 * runtime base, a non-root USER, a HEALTHCHECK on /readyz, a VOLUME for the data folder, and a
 * COPY into the runtime stage for every file the app needs at run time (package.json, bin, src
 * with the demo corpus and the editor's static files, the shipped model, node_modules, and the
 * compiled dist/ with the TypeScript settings its stamp covers), none of them excluded by
 * .dockerignore, and a CMD that starts the server as `npm start` does. `node --import tsx scripts/check-dockerfile.ts [DIR]`; exit 1
 * with one line per problem.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the running app reads from the image (relative to WORKDIR). */
export const RUNTIME_PATHS = [
  'package.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'bin/morelike.mjs',
  'bin/start.mjs',
  'bin/source-stamp.mjs',
  'src/server.ts',
  'src/cli/main.ts',
  'src/demo/articles.jsonl',
  'src/http/preview/static/editor.html',
  'src/http/preview/static/widget.js',
  'models/morelike-glove-sif-100d/config.json',
  'models/morelike-glove-sif-100d/tokenizer.json',
  'models/morelike-glove-sif-100d/onnx/model.onnx',
  'node_modules',
  'dist',
] as const;

/** Paths that come from the build stage, not the build context. */
const FROM_BUILD_STAGE = new Set(['node_modules', 'dist']);

export interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

export interface Stage {
  readonly base: string;
  readonly name: string | undefined;
  readonly instructions: Instruction[];
}

/** Splits a Dockerfile into stages of instructions (continuations joined, comments dropped). */
export function parseDockerfile(text: string): Stage[] {
  const logical = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of logical) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      const match = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(args);
      stages.push({ base: match?.[1] ?? '', name: match?.[2], instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

/** Sources and destination of a COPY (JSON or shell form), with its --from stage. */
function copyParts(args: string): { from: string | undefined; sources: string[]; dest: string } {
  const from = /--from=(\S+)/.exec(args)?.[1];
  const rest = args.replace(/--\S+/g, '').trim();
  const parts = rest.startsWith('[') ? (JSON.parse(rest) as string[]) : rest.split(/\s+/);
  const dest = parts.at(-1) ?? '';
  return { from, sources: parts.slice(0, -1).map(clean), dest };
}

const clean = (path: string) => path.replace(/^\.\//, '').replace(/\/+$/, '') || '.';

/** True when a COPY source `source` brings `path` along (the path itself, a parent, or `.`). */
function covers(source: string, path: string): boolean {
  return source === '.' || source === path || path.startsWith(`${source}/`);
}

/** True when a .dockerignore line (simple globs, `!` re-includes) excludes `path`. */
export function ignored(dockerignore: string, path: string): boolean {
  let excluded = false;
  for (const raw of dockerignore.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) {
      continue;
    }
    const negate = line.startsWith('!');
    const pattern = clean(negate ? line.slice(1) : line);
    const regex = new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*\*\/?/g, '@@ANY@@')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]')
        .replaceAll('@@ANY@@', '.*')}(/.*)?$`,
    );
    if (regex.test(path)) {
      excluded = !negate;
    }
  }
  return excluded;
}

export interface CheckInput {
  readonly dockerfile: string;
  readonly dockerignore?: string;
  /** Whether a path exists in the build context (the repository). */
  readonly exists: (path: string) => boolean;
}

/** Every problem found; empty when the Dockerfile is fine. */
export function checkDockerfile(input: CheckInput): string[] {
  const stages = parseDockerfile(input.dockerfile);
  const runtime = stages.at(-1);
  if (runtime === undefined) {
    return ['no FROM: not a Dockerfile'];
  }
  const problems: string[] = [];
  const all = (keyword: string) => runtime.instructions.filter((i) => i.keyword === keyword);
  if (stages.length < 2) {
    problems.push('not multi-stage: build tools must stay out of the runtime image');
  }
  if (!/slim|alpine|distroless/.test(runtime.base)) {
    problems.push(`runtime base ${runtime.base} is not a slim image`);
  }
  const user = all('USER').at(-1)?.args.split(':')[0];
  if (user === undefined || user === 'root' || user === '0') {
    problems.push('the runtime stage does not switch to a non-root USER');
  }
  if (!all('HEALTHCHECK').some((i) => i.args.includes('/readyz'))) {
    problems.push('no HEALTHCHECK on /readyz');
  }
  const dataDir = /MORELIKE_DATA_DIR=(\S+)/.exec(
    all('ENV')
      .map((i) => i.args)
      .join(' '),
  )?.[1];
  if (dataDir === undefined) {
    problems.push('MORELIKE_DATA_DIR is not set in the runtime stage');
  } else if (!all('VOLUME').some((i) => i.args.includes(dataDir))) {
    problems.push(`no VOLUME for the data folder ${dataDir}`);
  }
  if (!all('CMD').some((i) => i.args.includes('bin/start.mjs'))) {
    problems.push('the CMD does not run bin/start.mjs (what `npm start` runs)');
  }
  const copies = [...all('COPY'), ...all('ADD')].map((i) => copyParts(i.args));
  for (const path of RUNTIME_PATHS) {
    const fromBuild = FROM_BUILD_STAGE.has(path);
    const copied = copies.some(
      (c) =>
        (c.from !== undefined) === fromBuild &&
        // A build-stage source is absolute (`/app/node_modules`): compare its tail.
        c.sources.some((s) => covers(s, path) || (fromBuild && s.endsWith(`/${path}`))),
    );
    if (!copied) {
      problems.push(`${path} is not copied into the runtime stage`);
    } else if (!fromBuild && !input.exists(path)) {
      problems.push(`${path} is copied but missing from the repository`);
    } else if (!fromBuild && input.dockerignore && ignored(input.dockerignore, path)) {
      problems.push(`${path} is excluded by .dockerignore`);
    }
  }
  return problems;
}

function main(): void {
  const root = resolve(process.argv[2] ?? '.');
  const read = (name: string) =>
    existsSync(join(root, name)) ? readFileSync(join(root, name), 'utf8') : undefined;
  const dockerfile = read('Dockerfile');
  const problems =
    dockerfile === undefined
      ? ['no Dockerfile']
      : checkDockerfile({
          dockerfile,
          dockerignore: read('.dockerignore'),
          exists: (path) => existsSync(join(root, path)),
        });
  for (const problem of problems) {
    process.stderr.write(`Dockerfile: ${problem}\n`);
  }
  process.stdout.write(problems.length === 0 ? 'Dockerfile: ok\n' : '');
  process.exitCode = problems.length === 0 ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main();
}
