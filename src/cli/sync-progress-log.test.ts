import { describe, expect, it } from 'vitest';
import { changesLine, PROGRESS_LOG_MS, startProgressLog } from './sync-progress-log.js';

function log() {
  let tick = (): void => undefined;
  const lines: string[] = [];
  const progress = startProgressLog({
    write: (line) => lines.push(line),
    clock: () => 0,
    every: (callback, ms) => {
      expect(ms).toBe(PROGRESS_LOG_MS);
      tick = callback;
      return () => (tick = () => undefined);
    },
  });
  return { progress, lines, tick: () => tick() };
}

describe('progress off a terminal', () => {
  it('writes a plain line per dataset that moved, every few seconds, and each ending once', () => {
    const l = log();
    l.tick();
    expect(l.lines).toEqual([]);
    l.progress.listener.update?.('users', { count: 500 });
    l.progress.listener.update?.('factors', { count: 20, total: 500 });
    l.tick();
    expect(l.lines).toEqual(['progress: users 500', 'progress: factors 20 of 500']);
    l.progress.listener.update?.('factors', { count: 40, total: 500 });
    l.tick();
    // Users did not move: not repeated.
    expect(l.lines.slice(2)).toEqual(['progress: factors 40 of 500']);
    l.progress.listener.datasetFinished?.({ dataset: 'users', state: 'complete', count: 1000 });
    l.progress.listener.datasetFinished?.({ dataset: 'adminRoles', state: 'not_permitted', count: 0 });
    l.tick();
    l.tick();
    expect(l.lines.slice(3)).toEqual(['progress: users 1,000 done', 'progress: admin roles 0 not permitted']);
    l.progress.stop();
    l.progress.listener.update?.('factors', { count: 60 });
    l.tick();
    expect(l.lines).toHaveLength(5);
  });

  it('reports an incremental sync’s changes as soon as they are known', () => {
    const l = log();
    l.progress.listener.changesFound?.({ users: 2, factors: 1, groupMemberships: 0, apps: 0, appAssignments: 3, policies: 0, logCutoff: new Date('2026-12-02T07:00:00Z'), logComplete: true });
    expect(l.lines).toEqual(["changes: 2 users, 1 users' factors, 3 app assignments; System Log read to 2026-12-02T07:00:00.000Z"]);
    expect(changesLine({ users: 0, factors: 0, groupMemberships: 0, apps: 0, appAssignments: 0, policies: 0, logCutoff: null, logComplete: false })).toBe(
      'changes: none; the System Log was not read',
    );
  });
});
