/**
 * `morelike/client`: the typed HTTP client (re-exports only). Build with `npm run build:client`;
 * the package's `exports` map `morelike/client` to the built files in `lib/`.
 */
export { type ClientOptions, createClient, type MorelikeClient } from './client.js';
export { type ClientErrorCode, MorelikeError } from './errors.js';
export type * from './types.js';
