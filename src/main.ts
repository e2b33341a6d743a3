import { pathToFileURL } from 'node:url';
import { processIo } from './cli/io.js';
import { runCli } from './cli/program.js';
import type { ServeDeps } from './cli/serve.js';

/**
 * Composition root: the real process streams, signals and environment, and the HTTP server for `serve`. The server
 * (and each command's heavy parts: simulator, schedulers) load only when a command needs them, so `sync` or `tests`
 * do not carry Fastify and its plugins in memory.
 */
export async function main(argv: string[]): Promise<number> {
  const io = processIo(process.env);
  const startServer: ServeDeps['startServer'] = async (options) => (await import('./server/start.js')).startServer(options);
  return io.exitCode(await runCli(argv, io, { startServer, readStdin }));
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
