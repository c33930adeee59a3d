/** The version of this package, read once from package.json (for `--version` and `/openapi.json`). */
import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The `version` field of package.json, or `0.0.0` when it has none. */
export function packageVersion(): string {
  if (cached === undefined) {
    const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
    cached = (JSON.parse(text) as { version?: string }).version ?? '0.0.0';
  }
  return cached;
}
