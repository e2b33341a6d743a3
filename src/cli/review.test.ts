import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../store/database.js';
import { makeApp, makeAppAssignment, makeUser } from '../store/testing/fixtures.js';
import { runCli } from './program.js';
import { captureIo, seedSnapshot, tempDatabases } from './testing/seed-store.js';

const ORG = 'acme.okta.com';
const databases = tempDatabases();
afterAll(() => databases.dispose());

let next = 0;
async function syncedDatabase(): Promise<string> {
  next += 1;
  const db = databases.path(`review-${next}.sqlite`);
  await seedSnapshot(db, ORG, {
    users: [makeUser({ id: '00ua', login: 'alice@example.com' }), makeUser({ id: '00ub', login: 'bob@example.com', status: 'SUSPENDED' })],
    apps: [makeApp({ id: '0oa1', label: 'Payroll' }), makeApp({ id: '0oa2', label: 'Wiki' })],
    appAssignments: [makeAppAssignment({ appId: '0oa1', userId: '00ua' }), makeAppAssignment({ appId: '0oa2', userId: '00ub' })],
  });
  return db;
}

async function run(args: string[]) {
  const cli = captureIo();
  const code = await runCli(args, cli.io);
  return { code, out: cli.out, err: cli.err };
}

describe('okta-evidence review attest', () => {
  it('records the review, and the access review test then passes for that app', async () => {
    const db = await syncedDatabase();
    const { code, out, err } = await run(['review', 'attest', '--db', db, '--app', '0oa1', '--reviewer', 'jane.doe@example.com', '--note', 'CHG-1234']);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^Recorded the access review of Payroll \(0oa1\) by jane\.doe@example\.com at \S+: 1 assigned user\.$/);

    const store = await openDatabase(db);
    try {
      expect(await store.accessReviews.list(ORG)).toMatchObject([
        { appId: '0oa1', reviewerEmail: 'jane.doe@example.com', note: 'CHG-1234', assignments: [{ userId: '00ua', login: 'alice@example.com', userStatus: 'ACTIVE' }] },
      ]);
      // Every attestation is audited: who (the OS user at the terminal), what, and no note or assignment list.
      const audit = await store.auditLog.list();
      expect(audit).toMatchObject([{ action: 'review.attest', connectionId: null, details: { org: ORG, appId: '0oa1', appLabel: 'Payroll', reviewerEmail: 'jane.doe@example.com', assignments: 1 } }]);
      expect(audit[0]?.actor).toMatch(/^cli:./);
    } finally {
      await store.close();
    }
    const tests = await run(['tests', '--db', db, '--format', 'json']);
    const json = JSON.parse(tests.out[0]!) as { results: { id: string; entities: { id: string; status: string }[] }[] };
    const review = json.results.find((result) => result.id === 'application-access-review');
    expect(review?.entities.map((entity) => [entity.id, entity.status])).toEqual([
      ['0oa1', 'pass'],
      ['0oa2', 'fail'],
    ]);
  });

  it('notes orphaned assignees the reviewer approved', async () => {
    const db = await syncedDatabase();
    const { code, out } = await run(['review', 'attest', '--db', db, '--app', '0oa2', '--reviewer', 'jane@example.com']);
    expect(code).toBe(0);
    expect(out[1]).toBe('Note: 1 of them can no longer sign in (bob@example.com); the access review test keeps failing until their assignments are removed.');
  });

  it.each([
    [['--app', '0oa1', '--reviewer', 'jane'], 'error: --reviewer must be the reviewer\'s email address, e.g. jane.doe@example.com, got "jane"'],
    [['--app', '0oaNope', '--reviewer', 'jane@example.com'], 'error: app "0oaNope" is not in the current snapshot of acme.okta.com: use the app id (0oa…) from the Okta Admin Console'],
    [['--app', '0oa1'], "error: required option '--reviewer <EMAIL>' not specified"],
    [['--reviewer', 'jane@example.com'], "error: required option '--app <ID>' not specified"],
    [['--app', '0oa1', '--reviewer', 'jane@example.com', '--org', 'not a domain'], 'error:'],
  ])('refuses %o with exit 2 and one line, recording nothing', async (flags, message) => {
    const db = await syncedDatabase();
    const { code, err } = await run(['review', 'attest', '--db', db, ...flags]);
    expect(code).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain(message);
    const store = await openDatabase(db);
    try {
      expect(await store.accessReviews.list(ORG)).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('asks for a sync first when there is nothing to review (exit 1)', async () => {
    const { code, err } = await run(['review', 'attest', '--db', databases.path('none.sqlite'), '--app', '0oa1', '--reviewer', 'jane@example.com']);
    expect(code).toBe(1);
    expect(err).toEqual([`error: no database at ${databases.path('none.sqlite')}: run \`npx okta-evidence sync\` first`]);
  });
});
