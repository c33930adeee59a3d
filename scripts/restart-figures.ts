/**
 * The restart figures of a served data folder: opens the services on it as `npm start` does
 * (the configured model, the folder's snapshots) and reports the time and CPU to ready (indexes,
 * lists and model loaded, as GET /readyz means it), the resident memory at ready and after the
 * background checks have settled, and how many lists were computed (0 when every list came from
 * the lists snapshot). Run it on a copy of the folder: a first start after a format change
 * rewrites the snapshots (run it twice then). `--expose-gc` lets the settled figure follow a
 * full collection.
 *
 *   node --expose-gc --import tsx scripts/restart-figures.ts --data-dir DIR [--settle 25] [--json]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/env.js';
import { buildServices } from '../src/services.js';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    settle: { type: 'string', default: '25' },
    json: { type: 'boolean', default: false },
  },
});
const dataDir = values['data-dir'];
if (dataDir === undefined) {
  throw new Error('--data-dir is required');
}
const mb = (bytes: number) => Math.round(bytes / 1e6);
const load = () => loadavg()[0]?.toFixed(1);

const loadAtStart = load();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const services = await buildServices({ ...loadConfig(), dataDir, demo: false }, { log: () => {} });
await services.modelLoaded;
const readyMs = Math.round(performance.now() - t0);
const cpu = process.cpuUsage(cpu0);
const rssAtReadyMb = mb(process.memoryUsage().rss);
await new Promise((resolve) => setTimeout(resolve, Number(values.settle) * 1000));
(globalThis as { gc?: () => void }).gc?.();
const figures = {
  readyMs,
  readyCpuSec: Math.round((cpu.user + cpu.system) / 1e4) / 100,
  rssAtReadyMb,
  settledRssMb: mb(process.memoryUsage().rss),
  lists: services.lists.progress().lists,
  listsComputed: services.lists.progress().computed,
  loadAverage: `${loadAtStart}-${load()}`,
};
await services.close();
process.stdout.write(
  values.json
    ? `${JSON.stringify(figures)}\n`
    : `ready ${figures.readyMs} ms (${figures.readyCpuSec} CPU-s), RSS ${figures.rssAtReadyMb} MB ` +
        `at ready, ${figures.settledRssMb} MB settled; ${figures.listsComputed} of ` +
        `${figures.lists} lists computed; load average ${figures.loadAverage}\n`,
);
