/**
 * The two ways an application operation ends without its result, whatever surface called it. Each adapter maps them:
 * the CLI to exit codes 2 and 1, the HTTP server to 400 and 409/422-style answers. Messages are one line that says
 * how to fix the problem, and never carry a secret.
 */

/** The caller's input or configuration is wrong (a flag, a setting, a missing credential): nothing was done. */
export class InvalidInputError extends Error {
  /** The CLI's exit code for it (kept on the error so `runCli` needs no table). */
  readonly exitCode = 2;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InvalidInputError';
  }
}

/** The operation ran and did not succeed (a failed or timed-out sync, nothing synced yet, an export that did not verify). */
export class OperationFailedError extends Error {
  readonly exitCode = 1;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OperationFailedError';
  }
}
