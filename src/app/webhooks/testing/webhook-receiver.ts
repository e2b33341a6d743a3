import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>/hooks/okta?token=in-the-path` (a token in the path, as Slack's URLs have). */
  url: string;
  received: ReceivedRequest[];
  /** The statuses of the next answers, in order (then `fallback`); push to script them. */
  statuses: number[];
  /** Requests left unanswered when the receiver hangs. */
  hanging: ServerResponse[];
  close(): Promise<void>;
}

/** A local webhook receiver for tests: records every request and answers with the scripted statuses, or never (`hang`). */
export async function startWebhookReceiver(options: { hang?: boolean; fallback?: number } = {}): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  const hanging: ServerResponse[] = [];
  const statuses: number[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (options.hang === true) hanging.push(response);
      else response.writeHead(statuses.shift() ?? options.fallback ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/okta?token=in-the-path`,
    received,
    statuses,
    hanging,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
