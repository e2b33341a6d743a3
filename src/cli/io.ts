import { once } from 'node:events';
import type { Env } from '../okta/auth/load-credentials.js';

/** Where a command writes; injected so tests capture output instead of patching process streams. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /**
   * Writes text to stdout as it is made (no newline added), resolving when the reader can take more: for output too
   * large to build as one string (`tests --format json` over 50,000 users). Absent (tests), `streamedOutput` gathers
   * the text and hands it to `out` as one line.
   */
  write?(text: string): Promise<void>;
  /**
   * Resolves when the user asks the process to stop (SIGINT/SIGTERM); tests resolve it themselves. A service (`run`,
   * `worker`, `serve`) passes `stopIsNormalEnd`: stopping is how it ends, so a clean shutdown exits with its own code
   * (0), as a service manager expects; anything else stopped by a signal exits 130 / 143.
   */
  untilStopped(options?: { stopIsNormalEnd?: boolean }): Promise<void>;
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

/** Exit status of a process stopped by a signal, by shell convention: 128 + the signal's number (Ctrl-C: 130). */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * The real process: its streams, signals and environment. Only main.ts calls this. `exitCode` turns a command's
 * result into the process's: 130 after Ctrl-C (143 after SIGTERM), whatever the command made of being stopped.
 * A reader that goes away (`okta-evidence tests | head`) ends the process quietly with 0 instead of an EPIPE trace.
 */
export function processIo(env: Env): CliIo & { exitCode(commandCode: number): number } {
  let stoppedBy: keyof typeof SIGNAL_EXIT | undefined;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      throw error;
    });
  }
  // Listening from the start: a signal between a command's start line and its wait must not kill the process
  // unrecorded. A command that is not waiting to be stopped (one that just computes) ends at once with 130 / 143.
  let asked = false;
  let stopIsNormalEnd = false;
  let stop = (): void => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const onSignal = (signal: keyof typeof SIGNAL_EXIT): void => {
    stoppedBy = signal;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (!asked) process.exit(SIGNAL_EXIT[signal]);
    stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    write: (text) => writeWithBackpressure(process.stdout, text),
    untilStopped: (options) => {
      asked = true;
      if (options?.stopIsNormalEnd === true) stopIsNormalEnd = true;
      return stopped;
    },
    isTTY: process.stderr.isTTY,
    env,
    exitCode: (commandCode) => (stoppedBy === undefined || stopIsNormalEnd ? commandCode : SIGNAL_EXIT[stoppedBy]),
  };
}

/** Writes and, when the stream's buffer is full, waits until it drains: memory stays bounded by one chunk. */
export async function writeWithBackpressure(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/** Text gathered into chunks of about this many characters before each write to stdout. */
const OUTPUT_CHUNK_CHARS = 64 * 1024;

/**
 * One line of output written in pieces: many small `write`s become a few large ones through `io.write`, which waits
 * while stdout is behind; `end` finishes the line. Without `io.write` the pieces become one `out` line at the end.
 */
export function streamedOutput(io: CliIo): { write(text: string): Promise<void>; end(): Promise<void> } {
  let pending: string[] = [];
  let pendingChars = 0;
  const flush = async (): Promise<void> => {
    if (io.write === undefined || pendingChars === 0) return;
    const chunk = pending.join('');
    pending = [];
    pendingChars = 0;
    await io.write(chunk);
  };
  return {
    async write(text) {
      pending.push(text);
      pendingChars += text.length;
      if (pendingChars >= OUTPUT_CHUNK_CHARS) await flush();
    },
    async end() {
      if (io.write === undefined) {
        io.out(pending.join(''));
        pending = [];
        return;
      }
      pending.push('\n');
      pendingChars += 1;
      await flush();
    },
  };
}
