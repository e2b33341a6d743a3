import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './program.js';
import { captureIo, tempDatabases } from './testing/seed-store.js';

const databases = tempDatabases();
afterAll(() => databases.dispose());

const TOKEN = { OKTA_API_TOKEN: '00token-for-the-flag-tests-0123456789' };

describe('okta-evidence sync --log-retention-days, --log-window-days, --reverify-share', () => {
  it.each([
    ['zero days', ['--log-retention-days', '0'], /--log-retention-days must be between 1 and 3650, got 0/],
    ['more than ten years', ['--log-retention-days', '3651'], /--log-retention-days must be between 1 and 3650, got 3651/],
    ['not a whole number', ['--log-retention-days', '1y'], /--log-retention-days must be a whole number, got "1y"/],
    ['less than the default log window', ['--log-retention-days', '6'], /--log-retention-days \(6\) must be at least --log-window-days \(7\)/],
    ['less than the given log window', ['--log-window-days', '30', '--log-retention-days', '20'], /--log-retention-days \(20\) must be at least --log-window-days \(30\)/],
    ['a log window beyond Okta’s 90 days', ['--log-window-days', '91'], /--log-window-days must be between 1 and 90, got 91/],
    ['a re-verification share above 0.8', ['--reverify-share', '0.9'], /--reverify-share must be between 0 and 0\.8, got 0\.9/],
    ['a re-verification share that is not a number', ['--reverify-share', 'half'], /--reverify-share must be a number, got "half"/],
  ])('exits 2 with one line for %s, before touching the database', async (_case, args, message) => {
    const db = databases.path('untouched.sqlite');
    const { io, out, err } = captureIo(TOKEN);
    // Port 9 on loopback: nothing listens, so reaching the network would fail differently (exit 1).
    const exitCode = await runCli(['sync', '--domain', 'acme.okta.com', '--base-url', 'http://127.0.0.1:9', '--db', db, ...args], io);
    expect(exitCode).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(message);
    expect(existsSync(db)).toBe(false);
  });
});
