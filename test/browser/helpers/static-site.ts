/**
 * Browser-test helper: a tiny node:http server on port 0 that serves one HTML page (and optional
 * files, e.g. a teaser image), so the widget runs on a page of another origin than the API
 * (another port is another origin).
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running static site. */
export interface StaticSite {
  readonly url: string;
  close(): Promise<void>;
}

/** A file the site serves at its path. */
export interface SiteFile {
  readonly type: string;
  readonly body: Uint8Array;
}

/** Serves `files` at their paths and `html` at every other path of http://127.0.0.1:<port>/. */
export async function startStaticSite(
  html: string,
  files: Record<string, SiteFile> = {},
): Promise<StaticSite> {
  const server = createServer((request, response) => {
    const file = files[new URL(request.url ?? '/', 'http://site').pathname];
    response.writeHead(200, {
      'Content-Type': file?.type ?? 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    response.end(file?.body ?? html);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
