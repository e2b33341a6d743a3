import { readFileSync } from 'node:fs';
import type { RunningServer, StartServerOptions } from '../app/serve-contract.js';
import { buildServer } from './server.js';

/** Builds the API and listens: the one place the server meets a port. The CLI's `serve` receives this from main.ts. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const https = options.tls === undefined ? undefined : { cert: readFileSync(options.tls.certFile), key: readFileSync(options.tls.keyFile) };
  const app = await buildServer({
    store: options.store,
    trustProxy: options.trustProxy,
    secureCookies: https !== undefined || options.trustProxy,
    version: options.version,
    secretKey: options.secretKey,
    env: options.env,
    syncNow: options.syncNow,
    githubSyncNow: options.githubSyncNow,
    syncProgress: options.syncProgress,
    evidence: options.evidence,
    ...(options.consoleDir === undefined ? {} : { consoleDir: options.consoleDir }),
    logger: options.log ? { level: 'info', redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'] } : false,
    ...(https === undefined ? {} : { https }),
  });
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return { url: `${https === undefined ? 'http' : 'https'}://${host}:${port}`, close: () => app.close() };
}
