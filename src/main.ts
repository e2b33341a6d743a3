import { pathToFileURL } from 'node:url';
import { processIo } from './cli/io.js';
import { runCli } from './cli/program.js';

/** Composition root: the real process streams, signals and environment. */
export async function main(argv: string[]): Promise<number> {
  const io = processIo(process.env);
  return io.exitCode(await runCli(argv, io));
}

// Run directly (`tsx src/main.ts …`); the published bin imports `main` instead.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
