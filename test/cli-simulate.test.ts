import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli/io.js';
import { runCli } from '../src/cli/program.js';

/** A CLI io whose "Ctrl-C" the test presses once it has seen the start line. */
function captureIo(env: Record<string, string> = {}): { io: CliIo; out: string[]; err: string[]; started: Promise<string>; stop: () => void } {
  const out: string[] = [];
  const err: string[] = [];
  let stop = (): void => undefined;
  let onStart = (_line: string): void => undefined;
  const started = new Promise<string>((resolve) => (onStart = resolve));
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const io: CliIo = {
    out: (line) => {
      out.push(line);
      if (line.startsWith('Okta simulator at ')) onStart(line);
    },
    err: (line) => err.push(line),
    untilStopped: () => stopped,
    env,
  };
  return { io, out, err, started, stop };
}

function nextLink(header: string | null): string | null {
  const match = header === null ? null : /<([^>]+)>;\s*rel="next"/.exec(header);
  return match?.[1] ?? null;
}

describe('okta-evidence simulate', () => {
  it('serves a seeded org that a client can page through completely with an SSWS token', async () => {
    const cli = captureIo();
    const exit = runCli(['simulate', '--users', '450', '--seed', '7', '--port', '0', '--rate-limits', 'off', '--token', 'test-token-0123456789'], cli.io);
    const line = await cli.started;
    const match = /at (http:\/\/[^ ]+) \(SSWS token: (\S+)\)/.exec(line);
    expect(match?.[2]).toBe('test-token-0123456789');
    const baseUrl = match![1]!;

    const seen = new Set<string>();
    let url: string | null = `${baseUrl}/api/v1/users?search=${encodeURIComponent('status pr')}&limit=200`;
    let pages = 0;
    while (url !== null) {
      const response: Response = await fetch(url, { headers: { authorization: 'SSWS test-token-0123456789' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-okta-request-id')).toBeTruthy();
      for (const user of (await response.json()) as { id: string }[]) seen.add(user.id);
      url = nextLink(response.headers.get('link'));
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen.size).toBe(450);

    const unauthenticated = await fetch(`${baseUrl}/api/v1/users`, { headers: { authorization: 'SSWS wrong-token-000000' } });
    expect(unauthenticated.status).toBe(401);
    expect(((await unauthenticated.json()) as { errorCode: string }).errorCode).toBe('E0000011');

    cli.stop();
    expect(await exit).toBe(0);
  });

  it.each([
    [['simulate', '--bogus'], /unknown option '--bogus'/],
    [['simulate', '--users', '-5'], /--users must be between 0 and 1000000/],
    [['simulate', '--users', '5k'], /--users must be a whole number/],
    [['simulate', '--rate-limits', 'fast'], /--rate-limits must be one of workforce, developer, off/],
    [['simulate', '--time-scale', '0'], /--time-scale must be between 1 and 600/],
    [['simulate', '--latency-ms', 'slow'], /--latency-ms must be a number/],
    [['simulate', '--host', '0.0.0.0'], /--host must be a loopback address/],
    [['simulate', '--oauth-client', 'no-equals-sign'], /--oauth-client must look like CLIENT_ID=PUBLIC_KEY_FILE/],
    [['simulate', '--oauth-client', 'app=/nonexistent/key.pem'], /cannot read public key file/],
    [['simulate', '--org', '/nonexistent/org.json'], /org file/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('%j is refused with one clear line and exit code 2', async (argv, message) => {
    const cli = captureIo();
    expect(await runCli(argv, cli.io)).toBe(2);
    expect(cli.err).toHaveLength(1);
    expect(cli.err[0]).toMatch(message);
  });

  it('refuses a malformed org file with one line naming the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'okta-evidence-'));
    const file = join(dir, 'org.json');
    await writeFile(file, '{"users": [ {"id": 1 ');
    const cli = captureIo();
    expect(await runCli(['simulate', '--org', file], cli.io)).toBe(2);
    expect(cli.err).toHaveLength(1);
    expect(cli.err[0]).toContain(file);
  });

  it('takes its token from OKTA_SIM_TOKEN or --token-file, out of the process list (issue 14 item 12)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'okta-evidence-'));
    const file = join(dir, 'token');
    await writeFile(file, 'file-token-0123456789\n', { mode: 0o600 });
    for (const [argv, env, token] of [
      [['--token-file', file], {}, 'file-token-0123456789'],
      [[], { OKTA_SIM_TOKEN: 'env-token-0123456789' }, 'env-token-0123456789'],
    ] as const) {
      const cli = captureIo(env);
      const exit = runCli(['simulate', '--users', '3', '--port', '0', '--rate-limits', 'off', ...argv], cli.io);
      expect(await cli.started).toContain(`(SSWS token: ${token})`);
      cli.stop();
      expect(await exit).toBe(0);
    }
  });

  it('warns when --db carries a password, without repeating it', async () => {
    const cli = captureIo();
    await runCli(['tests', '--db', 'postgres://oe:s3cretPassw0rd@127.0.0.1:1/oe'], cli.io);
    expect(cli.err[0]).toMatch(/^warning: the password in --db is visible to other users/);
    expect(cli.err.join('\n')).not.toContain('s3cretPassw0rd');
  });
});

