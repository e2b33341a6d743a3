import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';

/** A tiny forward proxy: CONNECT tunnels only, recording what it was asked and with which headers. */
export function startConnectProxy(): Promise<{ url: string; seen: { target: string; headers: IncomingHttpHeaders }[]; plainRequests: number; close(): Promise<void> }> {
  const seen: { target: string; headers: IncomingHttpHeaders }[] = [];
  const state = { plainRequests: 0 };
  const server: Server = createServer((_request, response) => {
    // A proxy asked to forward a plain request would see its headers: the product never does that.
    state.plainRequests++;
    response.writeHead(502).end();
  });
  server.on('connect', (request, client, head) => {
    const target = request.url ?? '';
    seen.push({ target, headers: request.headers });
    const [host, port] = target.split(':');
    const upstream = connect(Number(port), host ?? '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        seen,
        get plainRequests() {
          return state.plainRequests;
        },
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
