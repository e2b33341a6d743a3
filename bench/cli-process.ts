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

const COMPILED_BIN = fileURLToPath(new URL('../bin/okta-evidence.js', import.meta.url));

/**
 * Runs the installed command itself, `bin/okta-evidence.js` over the compiled `dist/` (what `npx okta-evidence` runs),
 * under `/usr/bin/time`, whose `%M` is the child's peak RSS in KB: no tsx loader or TypeScript transpiling in the figure.
 */
export async function runCompiledCli(args: string[]): Promise<Omit<CliRun, 'out'>> {
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-f', 'peak-rss-kb=%M', process.execPath, COMPILED_BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  const peak = /peak-rss-kb=(\d+)/.exec(stderr);
  if (peak === null) throw new Error(`/usr/bin/time reported no peak RSS (is dist/ built? npm run build): ${stderr}`);
  return { code: code ?? 1, wallMs: Math.round(performance.now() - started), peakRssMb: Math.round(Number(peak[1]) / 1024), err: stderr };
}
