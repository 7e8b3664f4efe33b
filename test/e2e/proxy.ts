/**
 * An HTTPS tunnel (HTTP CONNECT proxy) on 127.0.0.1 for Firefox, which has no host-resolver rules:
 * `network.dns.forceResolve` sends every host to 127.0.0.1 but keeps the URL's port, so a fixed
 * address such as https://kite.kagi.com/ (port 443) cannot reach the fixture server that way.
 * Through this tunnel a request for port 443 reaches the fixture server's port; any other port is
 * kept (the outlet pages' URLs carry the server's port already). TLS stays end to end: the tunnel
 * only copies bytes.
 */
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface Tunnel {
  port: number;
  /** Every CONNECT target asked, as "host:port", in order. */
  asked: string[];
  close(): Promise<void>;
}

export async function startTunnel(serverPort: number): Promise<Tunnel> {
  const asked: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((_req, res) => res.writeHead(405).end('CONNECT only'));
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    asked.push(target);
    const port = Number(/:(\d+)$/.exec(target)?.[1] ?? 443);
    const upstream = connect(port === 443 ? serverPort : port, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      // A browser that drops a connection mid-copy is no test failure; the test sees what was served.
      s.on('error', () => s.destroy());
    }
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  return {
    port: (server.address() as AddressInfo).port,
    asked,
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}
