/**
 * Housekeeping of the snapshot folder: the graph, labels and vectors files of snapshots no
 * longer current, files a failed save left behind, and temporary files of saves that never
 * finished (a full disk, a killed process). Each would otherwise keep the space the next save
 * needs. A file another live process may still be writing or reading is never removed.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Files younger than this are never removed: another process may be about to point at them. */
export const STALE_AFTER_MS = 60_000;

/** `graph-<generation>-<time>-<pid>.hnsw` and its labels and vectors siblings. */
const SNAPSHOT_FILE = /^(?:graph|labels|vectors)-\d+-[0-9a-z]+-(\d+)\.(?:hnsw|json|f32)$/;
/** `.<target>.<pid>.<time>.tmp`, as `commitAtomic` names its temporary files. */
const TEMP_FILE = /^\..+\.(\d+)\.\d+\.tmp$/;

/** The writer's pid of a snapshot or temporary file; undefined for any other file. */
function writerOf(name: string): number | undefined {
  const match = SNAPSHOT_FILE.exec(name) ?? TEMP_FILE.exec(name);
  return match ? Number(match[1]) : undefined;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) {
    return true;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the snapshot and temporary files of `folder` that `keep` does not name, once they are
 * older than STALE_AFTER_MS or their writer is no longer running. Returns the names removed.
 */
export function removeOrphans(folder: string, keep: ReadonlySet<string>): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const cutoff = Date.now() - STALE_AFTER_MS;
  const removed: string[] = [];
  for (const name of names) {
    const writer = writerOf(name);
    if (writer === undefined || keep.has(name)) {
      continue;
    }
    const path = join(folder, name);
    const modified = statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    if (!isAlive(writer) || modified < cutoff) {
      rmSync(path, { force: true });
      removed.push(name);
    }
  }
  return removed;
}

/** Removes the files of a save that failed in this process, except those `keep` names. */
export function removeFailedSave(
  folder: string,
  names: readonly string[],
  keep: ReadonlySet<string>,
): void {
  for (const name of names) {
    if (!keep.has(name)) {
      rmSync(join(folder, name), { force: true });
    }
  }
}
