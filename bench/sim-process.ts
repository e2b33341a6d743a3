import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

export interface SimProcess {
  baseUrl: string;
  token: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Runs `okta-evidence simulate` in its own process, as a user would, so the load generator and the server do not
 * share one event loop. Resolves once the start line (base URL and token) is printed.
 */
export async function startSimProcess(args: string[]): Promise<SimProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'simulate', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    const match = /at (http:\/\/\S+) \(SSWS token: (\S+)\)/.exec(line);
    if (match?.[1] && match[2]) {
      const [, baseUrl, token] = match;
      return {
        baseUrl,
        token,
        child,
        stop: async () => {
          child.kill('SIGTERM');
          if (child.exitCode === null) await once(child, 'exit');
        },
      };
    }
  }
  throw new Error('simulator process exited before printing its address');
}
