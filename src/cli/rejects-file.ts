/**
 * The rejects file of `reindex`: every rejected record as one JSON line `{line, id?, errors}`.
 * It goes next to the input (`<input>.rejects.jsonl`), or into the data folder when the input is
 * stdin or its folder is read-only. A run without rejects removes a stale file from an earlier run.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Reject } from '../recommend/reindex.js';

/** Writes `rejects` and returns the path, or removes the stale file and returns undefined. */
export function writeRejects(
  input: string,
  dataDir: string,
  rejects: readonly Reject[],
  now = new Date(),
): string | undefined {
  const beside = input === '-' ? undefined : `${input}.rejects.jsonl`;
  if (rejects.length === 0) {
    if (beside) {
      rmSync(beside, { force: true });
    }
    return undefined;
  }
  const body = `${rejects.map((r) => JSON.stringify(r)).join('\n')}\n`;
  if (beside && tryWrite(beside, body)) {
    return beside;
  }
  mkdirSync(dataDir, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const inData = join(dataDir, `reindex-${stamp}.rejects.jsonl`);
  writeFileSync(inData, body);
  return inData;
}

/** Writes `file`; false when its folder is read-only or missing (then the data folder is used). */
function tryWrite(file: string, body: string): boolean {
  try {
    writeFileSync(file, body);
    return true;
  } catch {
    return false;
  }
}

/** One human line per reject: `line 12 (id a7): title: is required; url: must be ...`. */
export function describeReject(reject: Reject): string {
  const where =
    reject.id === undefined ? `line ${reject.line}` : `line ${reject.line} (id ${reject.id})`;
  const reasons = reject.errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message));
  return `${where}: ${reasons.join('; ')}`;
}
