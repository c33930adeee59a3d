/**
 * `morelike model pull` and `model list` through runCli, against a local HTTP server shaped like
 * the Hugging Face hub (`/<id>/resolve/main/<file>`) serving a tiny generated BERT model; the
 * pulled files then load through the real Embedder. An unreachable hub is refused clearly.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../../src/cli/cli-context.js';
import { runCli } from '../../src/cli/run-cli.js';
import { type Config, loadConfig } from '../../src/config/env.js';
import { createXenovaEmbedder } from '../../src/embedding/xenova-embedder.js';
import { tinyBertFiles } from '../helpers/tiny-bert-model.js';

const MODEL_ID = 'test-org/tiny-bert';

function captureContext(config: Partial<Config>): CliContext & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    stdin: Readable.from([]),
    loadConfig: (overrides) => ({ ...loadConfig({}), ...config, ...overrides }),
    buildServices: () => Promise.reject(new Error('model commands need no services')),
    openStore: () => {
      throw new Error('model commands need no store');
    },
    version: '0.0.0-test',
  };
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });
}

describe('morelike model pull', () => {
  const files = tinyBertFiles({ maxLength: 32, hiddenSize: 8 });
  const requested: string[] = [];
  /** How the hub answers the ONNX file: as the real hub (redirect, LFS SHA-256), lying, or hanging. */
  let onnxMode: 'lfs' | 'wrong-sha' | 'stall' = 'lfs';
  const server = createServer((request, response) => {
    requested.push(request.url ?? '');
    const url = request.url ?? '';
    const prefix = `/${MODEL_ID}/resolve/main/`;
    const cdn = '/cdn/';
    const name = url.startsWith(prefix) ? url.slice(prefix.length) : url.slice(cdn.length);
    const data = url.startsWith(prefix) || url.startsWith(cdn) ? files.get(name) : undefined;
    if (data === undefined) {
      response.writeHead(404).end('Entry not found');
      return;
    }
    if (name.endsWith('.onnx') && url.startsWith(prefix)) {
      // The hub answers an LFS file with a redirect stating its SHA-256 and size.
      const sha = createHash('sha256').update(onnxMode === 'wrong-sha' ? 'other' : data);
      response
        .writeHead(302, {
          location: `${cdn}${name}`,
          'x-linked-etag': `"${sha.digest('hex')}"`,
          'x-linked-size': String(data.length),
        })
        .end();
      return;
    }
    response.writeHead(200, { 'content-length': String(data.length) });
    if (onnxMode === 'stall' && name.endsWith('.onnx')) {
      response.write(data.subarray(0, 16)); // then nothing more: the connection hangs
      return;
    }
    response.end(data);
  });
  const modelsDir = mkdtempSync(join(tmpdir(), 'morelike-pull-'));
  let hubUrl = '';

  beforeAll(async () => {
    hubUrl = await listen(server);
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(modelsDir, { recursive: true, force: true });
  });

  it('downloads the model files into the models folder, and they load through the Embedder', async () => {
    const context = captureContext({ modelsDir, hubUrl });
    const code = await runCli(['model', 'pull', MODEL_ID], context);
    expect(context.err.join('')).toBe('');
    expect(code).toBe(0);
    expect(context.out.join('')).toContain('SHA-256 checked: onnx/model.onnx; sizes checked: all');
    const folder = join(modelsDir, 'test-org', 'tiny-bert');
    for (const file of [
      'config.json',
      'tokenizer.json',
      'tokenizer_config.json',
      'onnx/model.onnx',
    ]) {
      expect(existsSync(join(folder, file))).toBe(true);
    }
    // The hub has no quantized file: the pull asked for it first, then took the full one.
    expect(requested).toContain(`/${MODEL_ID}/resolve/main/onnx/model_quantized.onnx`);
    const embedder = await createXenovaEmbedder({ modelId: MODEL_ID, modelsDir });
    try {
      expect(embedder.dimensions).toBe(8);
      const [vector] = await embedder.embed([{ title: 'peace talks', body: 'nato troops' }]);
      expect(vector).toHaveLength(8);
    } finally {
      await embedder.dispose();
    }
  }, 60_000);

  it('lists the pulled model with its dimensions, marking the configured one', async () => {
    const context = captureContext({ modelsDir, hubUrl, modelId: MODEL_ID });
    expect(await runCli(['model', 'list'], context)).toBe(0);
    expect(context.out.join('')).toMatch(/\*\s+test-org\/tiny-bert\s+8d\s+.*\(configured\)/);
  });

  it('answers MODEL_DOWNLOAD_FAILED naming the hub for a model the hub lacks', async () => {
    const context = captureContext({ modelsDir, hubUrl });
    expect(await runCli(['model', 'pull', 'nobody/nothing'], context)).toBe(1);
    expect(context.err.join('')).toContain('MODEL_DOWNLOAD_FAILED');
    expect(context.err.join('')).toContain(hubUrl);
  });

  it('keeps nothing when the file differs from the SHA-256 the hub states', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'morelike-pull-sha-'));
    onnxMode = 'wrong-sha';
    try {
      const context = captureContext({ modelsDir: fresh, hubUrl });
      expect(await runCli(['model', 'pull', MODEL_ID], context)).toBe(1);
      expect(context.err.join('')).toMatch(
        /^MODEL_DOWNLOAD_FAILED: onnx\/model\.onnx from .* has SHA-256 [0-9a-f]{64} where the hub states [0-9a-f]{64}; nothing kept/,
      );
      const onnx = join(fresh, 'test-org', 'tiny-bert', 'onnx');
      expect(readdirSync(onnx)).toEqual([]);
    } finally {
      onnxMode = 'lfs';
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('gives up on a transfer that stalls for --timeout seconds', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'morelike-pull-stall-'));
    onnxMode = 'stall';
    try {
      const context = captureContext({ modelsDir: fresh, hubUrl });
      const started = Date.now();
      expect(await runCli(['model', 'pull', MODEL_ID, '--timeout', '1'], context)).toBe(1);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(context.err.join('')).toMatch(
        /^MODEL_DOWNLOAD_FAILED: No data from http:\/\/127\.0\.0\.1:\d+ for 1 s while fetching onnx\/model\.onnx/,
      );
      expect(readdirSync(join(fresh, 'test-org', 'tiny-bert', 'onnx'))).toEqual([]);
    } finally {
      onnxMode = 'lfs';
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('refuses clearly when the hub cannot be reached', async () => {
    const closed = createServer();
    const deadUrl = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const context = captureContext({ modelsDir, hubUrl: deadUrl });
    expect(await runCli(['model', 'pull', MODEL_ID], context)).toBe(1);
    expect(context.err.join('')).toMatch(
      /^MODEL_DOWNLOAD_FAILED: Could not reach http:\/\/127\.0\.0\.1:\d+/,
    );
  });
});
