/**
 * The thread that writes a held articles snapshot (see held-write.ts): it copies the kept
 * records out of the shared memory of the loaded snapshot, adds the encoded ones, and answers
 * `{ ok: true }` or the error's message once the file is in place.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type HeldSavePlan, writeHeldPlan } from './held-write.js';

const { file, plan, generation } = workerData as {
  file: string;
  plan: HeldSavePlan;
  generation: number;
};
try {
  writeHeldPlan(file, plan, generation);
  parentPort?.postMessage({ ok: true });
} catch (error) {
  parentPort?.postMessage({ ok: false, message: String(error) });
}
