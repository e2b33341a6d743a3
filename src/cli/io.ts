import type { Env } from '../okta/auth/load-credentials.js';

/** Where a command writes; injected so tests capture output instead of patching process streams. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Resolves when the user asks the process to stop (SIGINT/SIGTERM); tests resolve it themselves. */
  untilStopped(): Promise<void>;
  /** True when stderr is a terminal: commands may then redraw live progress there. Absent means no. */
  isTTY?: boolean;
  /** The process environment (credentials, DATABASE_URL), passed in by main.ts. Absent means empty. */
  env?: Env;
}

/**
 * The application's two failure kinds under the names the CLI's commands use: a usage or configuration error (one
 * line on stderr, exit 2) and a command that ran and did not succeed (exit 1). Defined in src/app/errors.ts so the
 * application layer and every adapter share them.
 */
export { InvalidInputError as UsageError, OperationFailedError as CommandFailedError } from '../app/errors.js';

/** The real process: its streams, signals and environment. Only main.ts calls this. */
export function processIo(env: Env): CliIo {
  return {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    untilStopped: () =>
      new Promise((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      }),
    isTTY: process.stderr.isTTY,
    env,
  };
}
