/**
 * The SVD's worker thread (block-ops.ts): runs the second half of each product on shared memory,
 * then sets the task's flag (1 done, 2 failed) and wakes the waiting thread.
 */
import { parentPort } from 'node:worker_threads';
import { type KernelTask, runKernel } from './kernels.js';

interface Message {
  readonly task: KernelTask;
  readonly from: number;
  readonly to: number;
  readonly done: Int32Array;
}

parentPort?.on('message', ({ task, from, to, done }: Message) => {
  let state = 1;
  try {
    runKernel(task, from, to);
  } catch {
    state = 2;
  }
  Atomics.store(done, 0, state);
  Atomics.notify(done, 0);
});
parentPort?.postMessage('ready');
