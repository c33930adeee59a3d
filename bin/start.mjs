#!/usr/bin/env node
// `npm start`: the HTTP server compiled into dist/ when that build was made from exactly the
// sources as they are now (no TypeScript to compile at start: about half a second quicker), else
// the TypeScript sources through tsx, as before. `npm install` (or `npm run build`) builds dist/.
import { fileURLToPath } from 'node:url';
import { builtStamp, sourceStamp } from './source-stamp.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const built = builtStamp(root);
/** The sources' stamp now; undefined when it cannot be taken (a settings file missing). */
function currentStamp() {
  try {
    return sourceStamp(root);
  } catch {
    return undefined;
  }
}
if (built !== undefined && built === currentStamp()) {
  const { main } = await import('../dist/server.js');
  await main();
} else {
  if (built !== undefined) {
    process.stderr.write(
      'dist/ is older than src/: running the TypeScript sources (npm run build)\n',
    );
  }
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../src/server.ts');
  await main();
}
