/**
 * `npm start` (bin/start.mjs) runs the compiled build in dist/ only when it was made from the
 * sources as they are: on a small project laid out as this one (its own src/server.ts, this
 * repository's launcher, build script and TypeScript settings), a fresh build runs, and after a
 * source changes, or without a build, the TypeScript sources run instead.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = resolve('.');

/** Runs `node bin/start.mjs` in `root`: what it printed (stdout, then stderr). */
function start(root: string): string {
  return execFileSync(process.execPath, ['bin/start.mjs'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function build(root: string): void {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-server.ts'], {
    cwd: root,
    stdio: 'ignore',
  });
}

const server = (word: string) =>
  `export async function main(): Promise<void> {\n  process.stdout.write(\`${word} from \${import.meta.url.includes('/dist/') ? 'dist' : 'src'}\\n\`);\n}\n`;

describe('npm start and the compiled build', () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'morelike-start-'));
    for (const path of ['bin/start.mjs', 'bin/source-stamp.mjs', 'bin/source-stamp.d.mts']) {
      cpSync(join(REPO, path), join(root, path));
    }
    cpSync(join(REPO, 'scripts/build-server.ts'), join(root, 'scripts/build-server.ts'));
    for (const path of ['tsconfig.json', 'tsconfig.build.json', 'package.json']) {
      cpSync(join(REPO, path), join(root, path));
    }
    symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'));
    mkdirSync(join(root, 'src', 'demo'), { recursive: true });
    writeFileSync(join(root, 'src', 'server.ts'), server('one'));
    writeFileSync(join(root, 'src', 'demo', 'stories.json'), '[]\n');
  });

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('runs the sources when there is no build', () => {
    expect(start(root)).toBe('one from src\n');
  });

  it('runs a build made from these sources, with the files the code reads beside it', () => {
    build(root);
    expect(start(root)).toBe('one from dist\n');
    expect(existsSync(join(root, 'dist', 'demo', 'stories.json'))).toBe(true);
  });

  it('never runs a build older than a source: the sources run until it is built again', () => {
    build(root);
    writeFileSync(join(root, 'src', 'server.ts'), server('two'));
    expect(start(root)).toBe('two from src\n');
    writeFileSync(join(root, 'src', 'demo', 'stories.json'), '[1]\n');
    build(root);
    expect(start(root)).toBe('two from dist\n');
    writeFileSync(join(root, 'src', 'demo', 'stories.json'), '[2]\n');
    expect(start(root)).toBe('two from src\n');
  });
});
