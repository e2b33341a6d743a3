import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./cli-child.ts', import.meta.url));

export interface CliRun {
  code: number;
  wallMs: number;
  /** The child's peak resident set size (getrusage ru_maxrss): what the command alone needed at its worst. */
  peakRssMb: number;
  out: string;
  err: string;
}

/** Runs one okta-evidence command in a fresh process, so its peak RSS is its own, not the benchmark's. */
export async function runCliProcess(args: string[]): Promise<CliRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await once(child, 'exit');
  const lines = stdout.trimEnd().split('\n');
  const report = JSON.parse(lines.pop() ?? '{}') as Omit<CliRun, 'out' | 'err'>;
  return { ...report, out: lines.join('\n'), err: stderr };
}
