/**
 * Entry of the bench's serving process: reads `{ config, plan }` (JSON) on stdin, measures the
 * serving half with that configuration, and writes `progress <done> <total>` lines and one
 * `figures <json>` line on stdout. Started by serve-in-child.ts.
 */
import type { Config } from '../config/env.js';
import { buildServices } from '../services.js';
import { measureServing, type ServingPlan } from './serving.js';

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk as Buffer);
}
const { config, plan } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
  config: Config;
  plan: ServingPlan;
};
const figures = await measureServing(
  () => buildServices(config, { log: (line) => process.stderr.write(`${line}\n`) }),
  plan,
  (done, total) => {
    if (done % 100 === 0 || done === total) {
      process.stdout.write(`progress ${done} ${total}\n`);
    }
  },
);
process.stdout.write(`figures ${JSON.stringify(figures)}\n`);
