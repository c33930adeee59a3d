import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDockerfile, ignored, parseDockerfile } from './check-dockerfile.js';

const root = new URL('../', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, root), 'utf8');
const DOCKERFILE = read('Dockerfile');
const exists = (path: string) => existsSync(new URL(path, root));
const check = (dockerfile: string, dockerignore?: string) =>
  checkDockerfile({ dockerfile, exists, ...(dockerignore === undefined ? {} : { dockerignore }) });

describe('checkDockerfile', () => {
  it('finds no problem in the repository Dockerfile and .dockerignore', () => {
    expect(check(DOCKERFILE, read('.dockerignore'))).toEqual([]);
  });

  it('reports the shipped model when the runtime stage does not copy it', () => {
    const without = DOCKERFILE.replace(/^COPY models .*$/m, '');
    expect(check(without)).toContain(
      'models/morelike-glove-sif-100d/onnx/model.onnx is not copied into the runtime stage',
    );
  });

  it('reports node_modules copied from the context instead of the build stage', () => {
    const without = DOCKERFILE.replace(
      /^COPY --from=build .*$/m,
      'COPY node_modules ./node_modules',
    );
    expect(check(without)).toContain('node_modules is not copied into the runtime stage');
  });

  it('reports a runtime stage without the compiled server or that starts it otherwise', () => {
    const bad = DOCKERFILE.replace(/^COPY --from=build \/app\/dist .*$/m, '').replace(
      /^CMD .*$/m,
      'CMD ["node", "--import", "tsx", "src/server.ts"]',
    );
    expect(check(bad)).toEqual(
      expect.arrayContaining([
        'dist is not copied into the runtime stage',
        'the CMD does not run bin/start.mjs (what `npm start` runs)',
      ]),
    );
  });

  it('reports a root user, a missing health check, volume and a single stage', () => {
    const bad = [
      'FROM node:20',
      'ENV MORELIKE_DATA_DIR=/data',
      'COPY . .',
      'USER root',
      'CMD ["node", "src/server.ts"]',
    ].join('\n');
    expect(check(bad)).toEqual(
      expect.arrayContaining([
        'not multi-stage: build tools must stay out of the runtime image',
        'runtime base node:20 is not a slim image',
        'the runtime stage does not switch to a non-root USER',
        'no HEALTHCHECK on /readyz',
        'no VOLUME for the data folder /data',
      ]),
    );
  });

  it('reports a runtime file that .dockerignore excludes', () => {
    expect(check(DOCKERFILE, 'src/demo/*.jsonl\n')).toContain(
      'src/demo/articles.jsonl is excluded by .dockerignore',
    );
  });
});

describe('parseDockerfile and ignored', () => {
  it('joins continued lines and names stages', () => {
    const stages = parseDockerfile('FROM a AS build\nRUN x \\\n  && y\nFROM b\nUSER node\n');
    expect(stages.map((s) => [s.base, s.name])).toEqual([
      ['a', 'build'],
      ['b', undefined],
    ]);
    expect(stages[0]?.instructions).toEqual([{ keyword: 'RUN', args: 'x && y' }]);
  });

  it('applies globs and re-includes in order', () => {
    const rules = 'models/*\n!models/keep\n**/*.test.ts\n';
    expect(ignored(rules, 'models/other/x.onnx')).toBe(true);
    expect(ignored(rules, 'models/keep/onnx/model.onnx')).toBe(false);
    expect(ignored(rules, 'src/a/b.test.ts')).toBe(true);
    expect(ignored(rules, 'src/a/b.ts')).toBe(false);
  });
});
