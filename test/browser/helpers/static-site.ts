/**
 * Browser-test helper: a tiny node:http server on port 0 that serves one HTML page, so the widget
 * runs on a page of another origin than the API (another port is another origin).
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running static site. */
export interface StaticSite {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `html` at every path of http://127.0.0.1:<free port>/. */
export async function startStaticSite(html: string): Promise<StaticSite> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(html);
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
