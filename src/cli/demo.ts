import type { Command } from 'commander';
import { startSimulator, type SimulatorHandle } from '../simulator/server.js';
import type { CliIo } from './io.js';
import { integerArg } from './parse-args.js';

const DEMO_USERS = 500;
const DEMO_SEED = 7;

/**
 * `npm start`: with no Okta credentials configured, the product runs against a built-in simulated org. Until the
 * sync exists this starts the simulator with a demo org and prints how to reach it.
 */
export function registerDemoCommand(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('Start the built-in simulated Okta org and show how to use it.')
    .option('--port <P>', 'preferred port (falls back to a free one when taken)', integerArg('--port', 0, 65535), 8080)
    .action(async (flags: { port: number }) => {
      const sim = await startOnPreferredPort(flags.port);
      for (const line of demoInstructions(sim)) io.out(line);
      await io.untilStopped();
      await sim.close();
    });
}

async function startOnPreferredPort(port: number): Promise<SimulatorHandle> {
  const options = { users: DEMO_USERS, seed: DEMO_SEED, rateLimits: 'workforce' as const };
  try {
    return await startSimulator({ ...options, port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return startSimulator({ ...options, port: 0 });
  }
}

export function demoInstructions(sim: SimulatorHandle): string[] {
  const auth = `-H "Authorization: SSWS ${sim.token}"`;
  return [
    `Okta simulator at ${sim.baseUrl} (SSWS token: ${sim.token}) — demo org: ${sim.org.users.length} users, seed ${DEMO_SEED}`,
    '',
    'Try it:',
    `  curl -i ${auth} "${sim.baseUrl}/api/v1/users?limit=2"`,
    `  curl -s ${auth} "${sim.baseUrl}/api/v1/users?search=status%20pr&limit=200"   # every status, deprovisioned included`,
    `  curl -s ${auth} "${sim.baseUrl}/api/v1/policies?type=PASSWORD"`,
    `  curl -s ${auth} "${sim.baseUrl}/api/v1/logs?limit=5"`,
    `  curl -s "${sim.baseUrl}/__sim/stats"`,
    '',
    'Follow the `Link: <…>; rel="next"` header to page. Press Ctrl-C to stop.',
  ];
}
