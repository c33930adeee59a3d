/**
 * Held articles read by a whole-store scan, packed as the held articles snapshot packs them (one
 * shared buffer of records, each article parsed only when read; see held-parts.ts): a new
 * server does not parse every article (nor every article's terms as an object) to hold an
 * archive it reads a few articles of per list, and its first snapshot save copies the records
 * out of the buffer as a save after a snapshot load does.
 */
import { AppError } from '../errors.js';
import type { ScannedArticle } from '../store/article-store.js';
import { assemble, ID_SEPARATOR, type PackedArticles } from './held-parts.js';

/** Scanned articles being collected. */
export interface ScannedHeld {
  /** Keeps `row` (its `json` must have been read). */
  add(row: ScannedArticle): void;
  /** The packed articles (call once every row is added). */
  packed(): PackedArticles;
}

/** An empty collection reflecting store `generation` once about `expected` rows are added. */
export function createScannedHeld(generation: number, expected: number): ScannedHeld {
  let bytes = new SharedArrayBuffer(1 << 20);
  let view = Buffer.from(bytes);
  let used = 0;
  const offsets: number[] = [];
  const ids: string[] = [];
  const reserve = (needed: number) => {
    if (needed <= bytes.byteLength) {
      return;
    }
    // The archive's size estimated from the records so far, so the buffer is rarely copied.
    const estimate = offsets.length > 0 ? (used / offsets.length) * expected * 1.1 : 0;
    const grown = new SharedArrayBuffer(
      Math.ceil(Math.max(needed, estimate, bytes.byteLength * 2)),
    );
    const grownView = Buffer.from(grown);
    view.copy(grownView, 0, 0, used);
    bytes = grown;
    view = grownView;
  };
  return {
    add(row) {
      if (row.json === undefined) {
        throw new AppError('INTERNAL_ERROR', `The scan of ${row.id} did not read the article`);
      }
      const parts = [row.id, row.json, row.terms];
      const lengths = parts.map((part) => Buffer.byteLength(part));
      reserve(used + 12 + (lengths[0] ?? 0) + (lengths[1] ?? 0) + (lengths[2] ?? 0));
      offsets.push(used);
      ids.push(row.id);
      lengths.forEach((length, i) => {
        view.writeUInt32LE(length, used + 4 * i);
      });
      used += 12;
      for (const part of parts) {
        used += view.write(part, used, 'utf8');
      }
    },
    packed() {
      const parts = { bytes, offsets: Float64Array.from(offsets), generation };
      const loaded = assemble({ ...parts, ids: ids.join(ID_SEPARATOR) });
      if (!loaded.ok) {
        throw new AppError('INTERNAL_ERROR', loaded.reason);
      }
      return loaded.packed;
    },
  };
}
