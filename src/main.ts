import { pathToFileURL } from 'node:url';
import { processIo } from './cli/io.js';
import { runCli } from './cli/program.js';
import { startServer } from './server/start.js';

/** Composition root: the real process streams, signals and environment, and the HTTP server for `serve`. */
export function main(argv: string[]): Promise<number> {
  return runCli(argv, processIo(process.env), { startServer, readStdin });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

// Run directly (`tsx src/main.ts …`); the published bin imports `main` instead.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
