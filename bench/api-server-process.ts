import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./api-server-child.ts', import.meta.url));

export interface ApiServerProcess {
  url: string;
  child: ChildProcess;
  /** The server process's resident set size now, in MB (Linux /proc). */
  rssMb(): number;
  /** CPU time (user + system) the server process has used so far, in ms (Linux /proc): per request, it does not depend on the machine's load as latency does. */
  cpuMs(): number;
  /** RSS and live heap after a full garbage collection in the server process (see api-server-child.ts). */
  settledMemory(): Promise<{ rssMb: number; heapUsedMb: number }>;
  /** Runs a real sync of a simulated org inside the server process (see api-server-child.ts). */
  sync(simBaseUrl: string, token: string, org: string): Promise<{ syncMs: number; status: string }>;
  stop(): Promise<void>;
}

/**
 * Starts the API over `databaseUrl` in its own Node process. `BENCH_API_SERVER_NODE_ARGS` adds Node flags to it,
 * e.g. `--cpu-prof --cpu-prof-dir=/tmp/api-prof` to profile the server alone (written when the bench stops it).
 */
export async function startApiServerProcess(databaseUrl: string): Promise<ApiServerProcess> {
  const nodeArgs = (process.env.BENCH_API_SERVER_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
  // --expose-gc only lets the bench ask for a collection before it reads the memory (`settledMemory`).
  const child = spawn(process.execPath, [...nodeArgs, '--expose-gc', '--import', 'tsx', CHILD, databaseUrl], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const first = await nextJson<{ url?: string }>(lines);
  if (first.url === undefined) throw new Error('the API server process did not print its address');
  return {
    url: first.url,
    child,
    rssMb: () => processRssMb(child.pid),
    cpuMs: () => processCpuMs(child.pid),
    async settledMemory() {
      child.stdin.write('settle\n');
      return nextJson(lines);
    },
    async sync(simBaseUrl, token, org) {
      child.stdin.write(`sync ${simBaseUrl} ${token} ${org}\n`);
      return nextJson(lines);
    },
    async stop() {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}

async function nextJson<T>(lines: AsyncIterator<string>): Promise<T> {
  const next = await lines.next();
  if (next.done === true) throw new Error('the API server process exited');
  return JSON.parse(next.value) as T;
}

/** utime + stime from /proc/PID/stat (fields 14 and 15, in clock ticks: 100 a second on Linux). */
function processCpuMs(pid: number | undefined): number {
  const stat = readFileSync(`/proc/${pid ?? 0}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function processRssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid ?? 0}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}
