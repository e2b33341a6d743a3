import { describe, expect, it } from 'vitest';
import { startProgressDisplay } from './sync-progress.js';

function display() {
  let now = 0;
  let tick = (): void => undefined;
  const writes: string[] = [];
  const progress = startProgressDisplay({
    write: (block) => writes.push(block),
    org: 'acme.okta.com',
    datasets: ['users', 'factors'],
    timeoutMs: 300_000,
    clock: () => now,
    every: (callback, ms) => {
      expect(ms).toBe(250);
      tick = callback;
      return () => (tick = () => undefined);
    },
  });
  return { progress, writes, tick: () => tick(), advance: (ms: number) => (now += ms) };
}

describe('the terminal progress display', () => {
  it('draws a line per dataset under the budget left, then redraws it in place', () => {
    const d = display();
    expect(d.writes).toEqual(['Syncing acme.okta.com — 5 min 00 s of budget left\n  users                      —  waiting\n  factors                    —  waiting']);

    d.progress.listener.update?.('users', { count: 0 });
    d.advance(2_000);
    d.progress.listener.update?.('users', { count: 400 });
    d.progress.listener.update?.('factors', { count: 10, total: 300 });
    d.tick();
    expect(d.writes[1]).toBe(
      '\x1b[3A\x1b[J' +
        'Syncing acme.okta.com — 4 min 58 s of budget left\n' +
        '  users                    400  200/s\n' +
        '  factors                   10 of 300',
    );
  });

  it('shows how each dataset ended and stops redrawing', () => {
    const d = display();
    d.progress.listener.datasetFinished?.({ dataset: 'users', state: 'complete', count: 1234 });
    d.progress.listener.datasetFinished?.({ dataset: 'factors', state: 'not_permitted', count: 0 });
    d.tick();
    expect(d.writes.at(-1)).toContain('  users                  1,234  done\n  factors                    0  not permitted');
    d.progress.setNote('changes: none; System Log read to 2026-12-02T07:00:00.000Z');
    d.tick();
    expect(d.writes.at(-1)?.endsWith('\n  changes: none; System Log read to 2026-12-02T07:00:00.000Z')).toBe(true);
    d.progress.stop();
    const drawn = d.writes.length;
    d.tick();
    expect(d.writes).toHaveLength(drawn);
  });
});
