/**
 * The thread that reads the held articles snapshot at start (the file is the largest a server
 * on a database store loads: ~3.6 KB an article): it reads and checks the file and scans its
 * records, then hands the bytes (shared memory), offsets and ids to the main thread without
 * copying them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readHeldParts } from './held-parts.js';

const parts = readHeldParts((workerData as { file: string }).file);
// The bytes are shared memory (seen by both threads); the offsets move over.
const transfer = 'bytes' in parts ? [parts.offsets.buffer as ArrayBuffer] : [];
parentPort?.postMessage(parts, transfer);
