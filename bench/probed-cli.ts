import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const PROBE = fileURLToPath(new URL('./memory-probe.ts', import.meta.url));
/** Enough of stderr to show why a command failed, without keeping a long progress log. */
const STDERR_TAIL = 8192;

/** One line of `memory-probe.ts`: the process's memory at `t` ms after it started. */
export interface MemorySample {
  t: number;
  rssMb: number;
  heapUsedMb: number;
  externalMb: number;
  arrayBuffersMb: number;
}

export interface ProbedRun {
  code: number | null;
  /** From spawn to exit, process start-up included. */
  wallMs: number;
  /** getrusage ru_maxrss of the command's process: its own peak, not the benchmark's. */
  peakRssMb: number;
  /** Memory once a second, to see what grew. */
  samples: MemorySample[];
  out: string;
  /** The last few KB of stderr. */
  errTail: string;
}

/**
 * Runs `okta-evidence ARGS` through `src/main.ts` in its own process, with the real process IO and the given
 * environment (credentials), and the memory probe preloaded. Unlike `runCliProcess`, the command reads its
 * environment exactly as it does for a user.
 */
export async function runProbedCli(args: string[], env: NodeJS.ProcessEnv): Promise<ProbedRun> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', PROBE, MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe', 'pipe'], env });
  const [, stdout, stderr, reports] = child.stdio;
  if (stdout === null || stderr === null || !(reports instanceof Readable)) throw new Error('spawn did not open the pipes it was asked for');
  let out = '';
  let errTail = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (errTail = (errTail + chunk.toString()).slice(-STDERR_TAIL)));
  const samples: MemorySample[] = [];
  let peakRssMb = 0;
  const probe = createInterface({ input: reports });
  probe.on('line', (line) => {
    const parsed = JSON.parse(line) as MemorySample | { peakRssMb: number };
    if ('peakRssMb' in parsed) peakRssMb = parsed.peakRssMb;
    else samples.push(parsed);
  });
  // 'close' comes after every stdio stream has ended, so the probe's last line has been read.
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, wallMs: Math.round(performance.now() - started), peakRssMb, samples, out, errTail };
}
