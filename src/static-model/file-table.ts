/** The Markdown table of a model folder's files (bytes, SHA-256) that every model card carries. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `| file | bytes | SHA-256 |` rows of `files` (paths relative to `folder`), header included. */
export function fileTable(folder: string, files: readonly string[]): string {
  const rows = files.map((file) => {
    const data = readFileSync(join(folder, file));
    const hash = createHash('sha256').update(data).digest('hex');
    return `| \`${file}\` | ${data.length.toLocaleString('en')} | \`${hash}\` |`;
  });
  return ['| file | bytes | SHA-256 |', '|---|---|---|', ...rows].join('\n');
}
