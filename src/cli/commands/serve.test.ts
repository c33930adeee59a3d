import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { cliHarness } from '../../../test/helpers/cli-harness.js';
import { runCli } from '../run-cli.js';

let blocker: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (blocker ? blocker.close(resolve) : resolve(undefined)));
  blocker = undefined;
});

describe('morelike serve', () => {
  it('exits 1 for a port that is not a number', async () => {
    const h = cliHarness();
    expect(await runCli(['serve', '--port', 'abc'], h.context)).toBe(1);
    expect(h.stderr.text()).toContain('must be a whole number 0..65535');
    expect(h.builds.built).toBe(0);
  });

  it('exits 1 with CONFIG_INVALID when the port is taken, before building anything', async () => {
    const server = createServer();
    blocker = server;
    const port = await new Promise<number>((resolve) => {
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        resolve(typeof address === 'object' && address !== null ? address.port : 0);
      });
    });
    const h = cliHarness();
    const code = await runCli(['serve', '--port', String(port), '--host', '127.0.0.1'], h.context);
    expect(code).toBe(1);
    expect(h.stderr.text()).toMatch(
      /^CONFIG_INVALID: Cannot listen on 127\.0\.0\.1:\d+: EADDRINUSE/m,
    );
    expect(h.builds.built).toBe(0);
  });
});
