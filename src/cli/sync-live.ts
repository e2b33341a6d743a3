import type { SyncProgressListener } from '../collect/sync-run.js';
import { realClock } from '../config/runtime.js';
import { runSyncSession, type SyncSessionInput } from '../app/sync-session.js';
import type { CliIo } from './io.js';
import { startProgressDisplay } from './sync-progress.js';
import { changesLine, startProgressLog } from './sync-progress-log.js';

/**
 * One sync for a command: live progress on a terminal, plain progress lines every few seconds elsewhere (logs, CI),
 * and Ctrl-C ending the sync cleanly (recorded as failed, what it read kept for the next sync) instead of killing it
 * mid-write.
 */
export async function syncFromCommand(io: CliIo, input: Omit<SyncSessionInput, 'progress' | 'signal'>): ReturnType<typeof runSyncSession> {
  const clock = input.clock ?? realClock;
  const progress = io.isTTY === true ? terminalProgress(io, input, clock) : startProgressLog({ write: (line) => io.err(line), clock });
  const cancel = new AbortController();
  void io.untilStopped().then(() => cancel.abort());
  try {
    return await runSyncSession({ ...input, progress: progress.listener, signal: cancel.signal });
  } finally {
    progress.stop();
  }
}

function terminalProgress(io: CliIo, input: Omit<SyncSessionInput, 'progress' | 'signal'>, clock: () => number): { listener: SyncProgressListener; stop(): void } {
  const display = startProgressDisplay({
    write: (block) => io.err(block),
    org: input.org,
    datasets: input.collectors.flatMap((collector) => collector.datasets),
    timeoutMs: input.timeoutMs,
    clock,
  });
  return { listener: { ...display.listener, changesFound: (summary) => display.setNote(changesLine(summary)) }, stop: () => display.stop() };
}
