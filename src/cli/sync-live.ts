import { realClock } from '../okta/deps.js';
import type { CliIo } from './io.js';
import { startProgressDisplay } from './sync-progress.js';
import { runSyncSession, type SyncSessionInput } from '../app/sync-session.js';

/**
 * One sync for a command: live progress on a terminal (quiet otherwise), and Ctrl-C ending the sync cleanly
 * (recorded as failed, what it read kept for the next sync) instead of killing it mid-write.
 */
export async function syncFromCommand(io: CliIo, input: Omit<SyncSessionInput, 'progress' | 'signal'>): ReturnType<typeof runSyncSession> {
  const display =
    io.isTTY === true
      ? startProgressDisplay({
          write: (block) => io.err(block),
          org: input.org,
          datasets: input.collectors.flatMap((collector) => collector.datasets),
          timeoutMs: input.timeoutMs,
          clock: input.clock ?? realClock,
        })
      : undefined;
  const cancel = new AbortController();
  void io.untilStopped().then(() => cancel.abort());
  try {
    return await runSyncSession({ ...input, progress: display?.listener, signal: cancel.signal });
  } finally {
    display?.stop();
  }
}
