/**
 * Headers every answer carries, errors and the loading phase included, set by Hono's own
 * `hono/secure-headers` (kept with the framework, so no header list of ours to maintain):
 * `X-Content-Type-Options: nosniff` (a JSON or problem body is never run as script or style),
 * `Referrer-Policy: no-referrer` (ids in URLs never leak to other sites), `X-Frame-Options: DENY`
 * and the library's other defaults (COOP, Origin-Agent-Cluster, ...). Two defaults are off:
 * `Strict-Transport-Security`, because HTTPS ends at the proxy in front, which declares it for the
 * whole host; and `Cross-Origin-Resource-Policy: same-origin`, because other sites' pages load the
 * widget and public lists. A header a route set itself is kept (`overwrite: false`): the editor
 * page's Content-Security-Policy, the widget's `Cross-Origin-Resource-Policy: cross-origin`.
 */
import { secureHeaders } from 'hono/secure-headers';

/** The security-header middleware of every app. */
export const securityHeaders = secureHeaders({
  overwrite: false,
  strictTransportSecurity: false,
  crossOriginResourcePolicy: false,
  xFrameOptions: 'DENY',
});
