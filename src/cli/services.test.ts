import { writeFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../store/database.js';
import { makeApp, makeUser } from '../store/testing/fixtures.js';
import { DEFAULT_CONNECTION_SETTINGS } from '../app/connection-settings.js';
import { runCli } from './program.js';
import { captureIo, seedSnapshot, tempDatabases } from './testing/seed-store.js';

const ORG = 'acme.okta.com';
const databases = tempDatabases();
afterAll(() => databases.dispose());

async function run(args: string[]) {
  const cli = captureIo({ USER: 'tester' });
  const code = await runCli(args, cli.io);
  return { code, out: cli.out, err: cli.err };
}

describe('okta-evidence services', () => {
  it('imports, attests and evaluates; refuses bad input with exit 2', async () => {
    const db = databases.path('services.sqlite');
    await seedSnapshot(db, ORG, { users: [makeUser({ id: '00ua', login: 'alice@example.com' })], apps: [makeApp({ id: '0oaDD', label: 'Datadog' })] });
    const store = await openDatabase(db);
    await store.connections.create({ name: 'acme', domain: ORG, baseUrl: null, proxyUrl: null, credential: { kind: 'ssws' }, sealedSecret: 'sealed-for-test', settings: DEFAULT_CONNECTION_SETTINGS });
    await store.close();
    const file = databases.path('accounts.csv');
    await writeFile(file, 'account_id,email,own_mfa\n1,alice@example.com,enabled\n2,bob@example.com,disabled\n');

    const imported = await run(['services', 'import', '--name', 'Datadog', '--okta-connection', 'acme', '--okta-app', 'Datadog', '--file', file, '--db', db]);
    expect(imported.code).toBe(0);
    expect(imported.out[0]).toMatch(/^Imported 2 accounts of "Datadog"/);
    expect(imported.out[1]).toMatch(/^Downstream MFA of "Datadog": 1 pass \(0 by Okta passthrough, 1 by own MFA\), 1 fail/);

    const attested = await run(['services', 'attest', '--service', 'Datadog', '--fact', 'sso-enforced', '--value', 'true', '--by', 'admin@example.com', '--statement', 'SAML strict mode on', '--db', db]);
    expect(attested.code).toBe(0);
    expect(attested.out[0]).toMatch(/^Recorded: sso-enforced = true for service .* attested by admin@example.com/);

    const evaluated = await run(['services', 'evaluate', '--service', 'Datadog', '--json', '--db', db]);
    expect(evaluated.code).toBe(0);
    expect(JSON.parse(evaluated.out[0] ?? '{}')).toMatchObject({ serviceChain: [{ link: 'okta-app' }, { link: 'sso-enforced', state: 'proven' }] });

    const refused = await run(['services', 'attest', '--service', 'Nope', '--fact', 'sso-enforced', '--value', 'true', '--by', 'admin@example.com', '--statement', 'x', '--db', db]);
    expect(refused.code).toBe(2);
    expect(refused.err.join('\n')).toContain('No downstream service "Nope"; known: "Datadog"');
  });
});
