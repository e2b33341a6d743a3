import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../store/database.js';
import { makeApp, makeAppAssignment, makeFactor, makePolicy, makePolicyRule, makeUser, paddedId } from '../store/testing/fixtures.js';
import { runCli } from './program.js';
import { captureIo, seedSnapshot, tempDatabases, type SeedRecords } from './testing/seed-store.js';
import { DAY_MS } from '../config/runtime.js';

const ORG = 'acme.okta.com';
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);
const databases = tempDatabases();
afterAll(() => databases.dispose());

let next = 0;
function newDatabase(): string {
  next += 1;
  return databases.path(`tests-${next}.sqlite`);
}

/** The Default Policy targets Everyone; seeded orgs put every user in it. */
const EVERYONE = '00gEveryone';
const PCI_POLICY = makePolicy({
  id: '00p1',
  type: 'PASSWORD',
  name: 'Default Policy',
  system: true,
  conditions: { people: { groups: { include: [EVERYONE] } } },
  settings: {
    password: {
      complexity: { minLength: 12, minLowerCase: 1, minNumber: 1 },
      age: { maxAgeDays: 90, historyCount: 4 },
      lockout: { maxAttempts: 10, autoUnlockMinutes: 30 },
    },
  },
});

/** A Classic org's global session policy whose one rule requires a second factor at every sign-in. */
const SESSION_POLICY = makePolicy({ id: '00pS', type: 'OKTA_SIGN_ON', name: 'Default Policy', system: true, conditions: null });
const SESSION_RULE = makePolicyRule({ policyId: '00pS', id: '0prS', name: 'MFA always', type: 'SIGN_ON', actions: { signon: { access: 'ALLOW', requireFactor: true } } });

/** An org whose critical and high checks pass, while the two medium checks fail. */
function mediumFailures(): SeedRecords {
  const alice = makeUser({ id: '00ua', login: 'alice@example.com', lastLogin: daysAgo(3) });
  const bob = makeUser({ id: '00ub', login: 'bob@example.com', lastLogin: daysAgo(200) });
  const users = [alice, bob, makeUser({ id: '00uc', login: 'carol@example.com', status: 'DEPROVISIONED' })];
  return {
    users,
    groupMemberships: users.map((user) => ({ groupId: EVERYONE, userId: user.id })),
    factors: [makeFactor({ userId: '00ua', id: 'f1', factorType: 'webauthn' }), makeFactor({ userId: '00ub', id: 'f2', factorType: 'push' })],
    policies: [PCI_POLICY, SESSION_POLICY],
    policyRules: [SESSION_RULE],
    apps: [makeApp({ id: '0oa1', label: 'Payroll' })],
    appAssignments: [makeAppAssignment({ appId: '0oa1', userId: '00ua' }), makeAppAssignment({ appId: '0oa1', userId: '00uc' })],
  };
}

async function run(args: string[], env: Record<string, string> = {}) {
  const cli = captureIo(env);
  const code = await runCli(args, cli.io);
  return { code, out: cli.out, err: cli.err };
}

describe('okta-evidence tests', () => {
  it('prints a table of every check with counts, the failing entities, and stores the run', async () => {
    const db = newDatabase();
    const syncId = await seedSnapshot(db, ORG, mediumFailures());
    const { code, out, err } = await run(['tests', '--db', db]);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out[0]).toContain(`Security tests for ${ORG}: snapshot of sync ${syncId}`);
    expect(out).toContain('STATUS  SEVERITY  CHECK                       PASS  FAIL  ERROR  N/A');
    expect(out).toContain('PASS    critical  MFA Enabled for All Users      2     0      0    1');
    expect(out).toContain('FAIL    medium    Inactive User Accounts         1     1      0    1');
    expect(out.find((line) => line.includes('bob@example.com'))).toMatch(/FAIL\s+bob@example\.com\s+Last signed in 200 days ago/);
    expect(out.find((line) => line.startsWith('  FAIL   Payroll'))).toContain('1 deactivated user still holds an assignment');

    const store = await openDatabase(db);
    try {
      const stored = await store.checkResults.latest(ORG);
      expect(stored).toMatchObject({ syncId, settings: { profile: 'pci-dss-v4', inactiveDays: 90, reviewPeriodDays: 90 } });
      expect(stored?.results.map((result) => [result.id, result.status])).toEqual([
        ['mfa-enabled-all-users', 'pass'],
        ['mfa-enforced-at-sign-in', 'pass'],
        ['password-policy-compliance', 'pass'],
        ['inactive-user-accounts', 'fail'],
        ['application-access-review', 'fail'],
      ]);
    } finally {
      await store.close();
    }
  });

  it('runs on a database opened read-only: prints the results, says in one line that they were not stored, exits as usual', async () => {
    const db = newDatabase();
    await seedSnapshot(db, ORG, mediumFailures());
    expect((await run(['tests', '--db', db])).code).toBe(0);
    const before = await openDatabase(db);
    const storedId = (await before.checkResults.latest(ORG))?.id;
    await before.close();

    const { code, out, err } = await run(['tests', '--db', `file:${db}?mode=ro`, '--fail-on', 'medium']);
    expect(out).toContain('FAIL    medium    Inactive User Accounts         1     1      0    1');
    expect(err).toEqual([
      `warning: the database file:${db}?mode=ro is read-only, so this run was not stored; newly failing/fixed compare with the last stored run`,
      expect.stringMatching(/^error: 2 checks at medium severity or above did not pass/),
    ]);
    expect(code).toBe(1);
    const after = await openDatabase(db);
    expect((await after.checkResults.latest(ORG))?.id).toBe(storedId);
    await after.close();
  });

  it('prints JSON with every entity of every check', async () => {
    const db = newDatabase();
    const syncId = await seedSnapshot(db, ORG, mediumFailures());
    const { code, out } = await run(['tests', '--db', db, '--format', 'json', '--profile', 'nist-800-63b', '--inactive-days', '365']);
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    const json = JSON.parse(out[0]!) as {
      syncId: string;
      settings: unknown;
      results: { id: string; title: string; severity: string; status: string; counts: unknown; entities: { id: string; name: string; status: string; reason: string; fields: Record<string, unknown> }[] }[];
    };
    expect(json.syncId).toBe(syncId);
    expect(json.settings).toEqual({ profile: 'nist-800-63b', inactiveDays: 365, reviewPeriodDays: 90 });
    expect(json.results.map((result) => [result.id, result.severity, result.status])).toEqual([
      ['mfa-enabled-all-users', 'critical', 'pass'],
      ['mfa-enforced-at-sign-in', 'high', 'pass'],
      ['password-policy-compliance', 'high', 'fail'],
      ['inactive-user-accounts', 'medium', 'pass'],
      ['application-access-review', 'medium', 'fail'],
    ]);
    const mfa = json.results[0]!;
    expect(mfa.title).toBe('MFA Enabled for All Users');
    expect(mfa.entities).toEqual([
      { type: 'user', id: '00ua', name: 'alice@example.com', status: 'pass', reason: '1 active MFA factor; strongest: webauthn (phishing-resistant).', fields: expect.objectContaining({ strongestFactor: 'webauthn', strongestFactorStrength: 'phishing-resistant', weakFactorPass: false }) as unknown },
      { type: 'user', id: '00ub', name: 'bob@example.com', status: 'pass', reason: expect.any(String) as unknown, fields: expect.any(Object) as unknown },
      { type: 'user', id: '00uc', name: 'carol@example.com', status: 'not_applicable', reason: expect.any(String) as unknown, fields: expect.any(Object) as unknown },
    ]);
    // Structured fields a pipeline can use: days inactive and actual vs required settings.
    const inactive = json.results.find((result) => result.id === 'inactive-user-accounts')!;
    expect(inactive.entities.find((entity) => entity.id === '00ub')).toMatchObject({ fields: { inactiveDays: 200, thresholdDays: 365, basis: 'lastLogin' } });
    const password = json.results.find((result) => result.id === 'password-policy-compliance')!;
    expect(password.entities.find((entity) => entity.id === '00p1')).toMatchObject({ fields: { minLength: 12, profile: 'nist-800-63b', governedUsers: 2 } });
  });

  it('streams the JSON through io.write in bounded chunks, one awaited at a time, read back from the stored run', async () => {
    const db = newDatabase();
    // 2,000 users: ~10,000 entity results, far more than one 64 KiB chunk.
    const users = Array.from({ length: 2_000 }, (_, n) => makeUser({ id: paddedId('00u', n), login: `user${n}@example.com`, lastLogin: daysAgo(n % 200) }));
    await seedSnapshot(db, ORG, { ...mediumFailures(), users, groupMemberships: users.map((user) => ({ groupId: EVERYONE, userId: user.id })) });
    const chunks: string[] = [];
    let writing = false;
    const cli = captureIo();
    const io = {
      ...cli.io,
      write: async (text: string) => {
        // A reader that is behind: the next chunk must wait for this one.
        expect(writing).toBe(false);
        writing = true;
        await new Promise((resolve) => setTimeout(resolve, 1));
        chunks.push(text);
        writing = false;
      },
    };
    expect(await runCli(['tests', '--db', db, '--json'], io)).toBe(0);
    expect(cli.out).toEqual([]);
    expect(chunks.length).toBeGreaterThan(10);
    expect(Math.max(...chunks.map((chunk) => chunk.length))).toBeLessThan(70 * 1024);
    const text = chunks.join('');
    expect(text.endsWith('}\n')).toBe(true);
    const json = JSON.parse(text) as { results: { id: string; counts: Record<string, number>; entities: { id: string; status: string }[] }[] };
    const mfa = json.results.find((result) => result.id === 'mfa-enabled-all-users')!;
    expect(mfa.entities.map((entity) => entity.id)).toEqual(users.map((user) => user.id));
    for (const result of json.results) {
      const counted = Object.values(result.counts).reduce((sum, count) => sum + count, 0);
      expect(result.entities, result.id).toHaveLength(counted);
    }
    // Streamed or gathered into one line, the text is the same.
    const { out } = await run(['tests', '--db', db, '--json']);
    const withoutInstant = (report: string) => report.replace(/"evaluatedAt":"[^"]+"/, '"evaluatedAt":""');
    expect(out.map(withoutInstant)).toEqual([withoutInstant(text.trimEnd())]);
  });

  it('writes JSON from a read-only database too, from the unstored run', async () => {
    const db = newDatabase();
    await seedSnapshot(db, ORG, mediumFailures());
    expect((await run(['tests', '--db', db])).code).toBe(0);
    const { code, out, err } = await run(['tests', '--db', `file:${db}?mode=ro`, '--json']);
    expect(code).toBe(0);
    expect(err).toEqual([expect.stringContaining('is read-only, so this run was not stored')]);
    const json = JSON.parse(out[0]!) as { results: { id: string; entities: { id: string; status: string }[] }[] };
    expect(json.results.find((result) => result.id === 'inactive-user-accounts')?.entities.map((entity) => [entity.id, entity.status])).toEqual([
      ['00ua', 'pass'],
      ['00ub', 'fail'],
      ['00uc', 'not_applicable'],
    ]);
  });

  it('accepts --json like every other command, and shows a weak-factor pass as data', async () => {
    const db = newDatabase();
    const records = mediumFailures();
    await seedSnapshot(db, ORG, { ...records, factors: [makeFactor({ userId: '00ua', id: 'f1', factorType: 'sms' }), makeFactor({ userId: '00ub', id: 'f2', factorType: 'push' })] });
    const { code, out } = await run(['tests', '--db', db, '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(out[0]!) as { results: { id: string; breakdown?: Record<string, number>; entities: { id: string; fields: Record<string, unknown> }[] }[] };
    const mfa = json.results.find((result) => result.id === 'mfa-enabled-all-users')!;
    expect(mfa.breakdown).toEqual({ externalIdp: 0, weakFactorPass: 1, knowledgeOnly: 0 });
    expect(mfa.entities.find((entity) => entity.id === '00ua')?.fields).toMatchObject({ weakFactorPass: true, strongestFactor: 'sms', strongestFactorStrength: 'weak' });
  });

  it.each([
    [['--fail-on', 'critical'], 0],
    [['--fail-on', 'high'], 0],
    [['--fail-on', 'medium'], 1],
    [['--fail-on', 'low'], 1],
    [[], 0],
  ])('exits non-zero only for failures at or above --fail-on: %o → %i', async (flags, expected) => {
    const db = newDatabase();
    await seedSnapshot(db, ORG, mediumFailures());
    const { code, err } = await run(['tests', '--db', db, '--format', 'json', ...flags]);
    expect(code).toBe(expected);
    if (expected === 1) {
      expect(err).toEqual([`error: 2 checks at ${flags[1]} severity or above did not pass: inactive-user-accounts (fail), application-access-review (fail)`]);
    }
  });

  it('fails the build on data it could not judge as well as on failures', async () => {
    const db = newDatabase();
    await seedSnapshot(db, ORG, mediumFailures(), { factors: 'partial' });
    const { code, err } = await run(['tests', '--db', db, '--format', 'json', '--fail-on', 'critical']);
    expect(code).toBe(1);
    expect(err[0]).toContain('mfa-enabled-all-users (error)');
  });

  it('caps the failing entities listed per check and points to --format json', async () => {
    const db = newDatabase();
    const users = Array.from({ length: 25 }, (_, n) => makeUser({ id: paddedId('00u', n), login: `user${n}@example.com` }));
    await seedSnapshot(db, ORG, { users, policies: [PCI_POLICY] });
    const { code, out } = await run(['tests', '--db', db]);
    expect(code).toBe(0);
    expect(out).toContain('FAIL MFA Enabled for All Users (mfa-enabled-all-users): 25 failing, 0 not judged');
    expect(out.filter((line) => line.includes('users who have not completed enrollment fail'))).toHaveLength(20);
    expect(out).toContain('  … and 5 more: run with --format json to see every entity');
  });

  it('shows what changed since the previous sync', async () => {
    const db = newDatabase();
    const first = await seedSnapshot(db, ORG, mediumFailures());
    expect((await run(['tests', '--db', db])).out.at(-1)).toBe('No earlier sync to compare with; the next run will show what changed.');
    const fixed = mediumFailures();
    fixed.users = [makeUser({ id: '00ua', login: 'alice@example.com', lastLogin: daysAgo(3) }), makeUser({ id: '00ub', login: 'bob@example.com', lastLogin: daysAgo(1) })];
    fixed.factors = [makeFactor({ userId: '00ua', id: 'f1' })];
    await seedSnapshot(db, ORG, fixed);
    const { out } = await run(['tests', '--db', db]);
    expect(out.at(-1)).toBe(`Compared with the previous sync ${first}.`);
    expect(out).toContain('  Since the previous sync: 1 newly failing (bob@example.com); 0 fixed');
    expect(out).toContain('  Since the previous sync: 0 newly failing; 1 fixed (bob@example.com)');
  });

  it('reads the database from DATABASE_URL when --db is absent', async () => {
    const db = newDatabase();
    await seedSnapshot(db, ORG, mediumFailures());
    expect((await run(['tests', '--format', 'json'], { DATABASE_URL: db })).code).toBe(0);
  });

  it('asks for a sync when there is no database or no snapshot yet (exit 1, one line)', async () => {
    const missing = await run(['tests', '--db', databases.path('missing.sqlite')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toEqual([`error: no database at ${databases.path('missing.sqlite')}: run \`npx okta-evidence sync\` first`]);

    const empty = newDatabase();
    await (await openDatabase(empty)).close();
    const none = await run(['tests', '--db', empty]);
    expect(none.code).toBe(1);
    expect(none.err).toEqual([`error: no synced snapshot in ${empty}: run \`npx okta-evidence sync\` first`]);
  });

  it('needs --org when the database holds several orgs', async () => {
    const db = newDatabase();
    await seedSnapshot(db, ORG, mediumFailures());
    await seedSnapshot(db, 'other.okta.com', mediumFailures());
    const ambiguous = await run(['tests', '--db', db]);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.err).toEqual([`error: ${db} holds snapshots of acme.okta.com, other.okta.com: choose one with --org`]);
    expect((await run(['tests', '--db', db, '--org', 'other.okta.com', '--format', 'json'])).code).toBe(0);
    expect((await run(['tests', '--db', db, '--org', 'unknown.okta.com'])).code).toBe(1);
  });

  it.each([
    [['--profile', 'hipaa'], '--profile must be one of pci-dss-v4, nist-800-63b, disa-stig, okta-healthinsight'],
    [['--fail-on', 'severe'], '--fail-on must be one of low, medium, high, critical'],
    [['--inactive-days', '0'], '--inactive-days must be between 1 and 3650'],
    [['--review-period-days', 'ninety'], '--review-period-days must be a whole number'],
    [['--format', 'xml'], '--format must be one of table, json'],
    [['--db', 'mysql://db.example.com/x'], 'Unsupported database URL'],
  ])('refuses %o with exit 2 and one line', async (flags, message) => {
    const { code, err } = await run(['tests', ...flags]);
    expect(code).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain(message);
  });
});
