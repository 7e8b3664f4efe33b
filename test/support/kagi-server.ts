/**
 * A stand-in for kite.kagi.com on 127.0.0.1 (ephemeral port): serves whatever edition the test
 * publishes (path → JSON body), 404 for anything else, and counts requests per path. `fail` makes
 * a path answer HTTP 500 (one category's outage).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface KagiServer {
  /** Base URL, ending in "/". */
  base: string;
  publish(files: Map<string, string>): void;
  fail(path: string): void;
  /** Every path answers again. */
  heal(): void;
  requests: Map<string, number>;
  close(): Promise<void>;
}

export async function startKagiServer(files: Map<string, string> = new Map()): Promise<KagiServer> {
  let current = files;
  const failing = new Set<string>();
  const requests = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    // A connection a request, so that no fetch takes up a kept-alive socket as the server closes it.
    res.setHeader('Connection', 'close');
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.replace(/^\//, ''));
    const full = (req.url ?? '/').replace(/^\//, '');
    requests.set(path, (requests.get(path) ?? 0) + 1);
    const body = current.get(full) ?? current.get(path);
    if (failing.has(path)) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('server error');
      return;
    }
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/`,
    publish(next) {
      current = next;
    },
    fail(path) {
      failing.add(path);
    },
    heal() {
      failing.clear();
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
