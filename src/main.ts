import { pathToFileURL } from 'node:url';
import { processIo } from './cli/io.js';
import { runCli } from './cli/program.js';

/** Composition root: the real process streams, signals and environment. */
export function main(argv: string[]): Promise<number> {
  return runCli(argv, processIo(process.env));
}

// Run directly (`tsx src/main.ts …`); the published bin imports `main` instead.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
