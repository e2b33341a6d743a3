import { request } from 'undici';
import { createSswsAuth } from '../src/okta/auth/ssws.js';
import { createOktaClient, type OktaClient } from '../src/okta/client.js';
import { isOktaClientError } from '../src/okta/errors.js';
import type { SimStats } from '../src/simulator/stats.js';
import { startSimProcess, type SimProcess } from './sim-process.js';

/** A simulator in its own process and an Okta client (SSWS) pointed at it through the base-URL override. */
export interface ClientBench {
  sim: SimProcess;
  client: OktaClient;
  simStats(): Promise<SimStats>;
  stop(): Promise<void>;
}

export async function startClientBench(simArgs: string[], client: { concurrency?: number } = {}): Promise<ClientBench> {
  const sim = await startSimProcess(simArgs);
  const okta = createOktaClient({ domain: 'example.okta.com', baseUrl: new URL(sim.baseUrl), auth: createSswsAuth(sim.token), ...client });
  return {
    sim,
    client: okta,
    simStats: async () => (await (await request(`${sim.baseUrl}/__sim/stats`)).body.json()) as SimStats,
    stop: async () => {
      await okta.close();
      await sim.stop();
    },
  };
}

export interface FlatOutResult {
  completed: number;
  /** Calls cut off by the stop signal (waiting for pacing, or in flight, when the run ended). */
  stopped: number;
  /** Failure codes (OktaClientError codes, or the error text for anything else), counted. */
  failures: Record<string, number>;
}

/**
 * Keeps `workers` calls of `call` going back to back until `stop` aborts; the calls get `stop` as their signal, so
 * the run ends at once and a call still waiting for rate-limit budget counts as stopped, not completed. Failures are
 * counted, not thrown, so one bad answer does not hide the figures.
 */
/** Read through a call: TypeScript would otherwise keep `aborted` narrowed to false inside the loop. */
function hasEnded(stop: AbortSignal): boolean {
  return stop.aborted;
}

export async function flatOut(workers: number, stop: AbortSignal, call: (n: number, signal: AbortSignal) => Promise<unknown>): Promise<FlatOutResult> {
  const result: FlatOutResult = { completed: 0, stopped: 0, failures: {} };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (!stop.aborted) {
      try {
        await call(next++, stop);
        result.completed++;
      } catch (error) {
        if (isOktaClientError(error, 'OKTA_ABORTED') && hasEnded(stop)) {
          result.stopped++;
          continue;
        }
        const code = isOktaClientError(error) ? error.code : String(error);
        result.failures[code] = (result.failures[code] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  return result;
}

export function failureCount(result: FlatOutResult): number {
  return Object.values(result.failures).reduce((sum, n) => sum + n, 0);
}

/** Ids of a list response. */
export function idsOf(body: unknown): string[] {
  return (body as { id: string }[]).map((item) => item.id);
}
