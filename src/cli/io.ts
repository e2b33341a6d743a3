/** Where a command writes; injected so tests capture output instead of patching process streams. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Resolves when the user asks the process to stop (SIGINT/SIGTERM); tests resolve it themselves. */
  untilStopped(): Promise<void>;
}

/** A configuration or validation error: one clear line on stderr and exit code 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function processIo(): CliIo {
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
  };
}
