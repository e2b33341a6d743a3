import { describe, expect, it } from 'vitest';
import { withCachedCallerLookups } from './cached-caller-lookups.js';
import type { ChangeFeed } from './postgres/change-feed.js';
import type { ApiTokenRecord, ServerUserRecord } from './server-types.js';
import type { ServerAccountRepository } from './store.js';

const user: ServerUserRecord = {
  id: 'u1',
  email: 'admin@example.com',
  displayName: null,
  passwordHash: 'scrypt$unused',
  role: 'admin',
  reviewAppIds: [],
  createdAt: new Date(0),
  failedLogins: 0,
  lockedUntil: null,
  disabledAt: null,
};
const token: ApiTokenRecord = {
  id: 't1',
  userId: 'u1',
  name: 'ci',
  tokenHash: 'hash-1',
  access: 'read',
  createdAt: new Date(0),
  expiresAt: new Date(86_400_000),
  lastUsedAt: null,
  revokedAt: null,
};

/** A repository whose token table is `rows`, counting reads; only the methods these tests call are real. */
function fakeRepository(rows: Map<string, ApiTokenRecord>) {
  let reads = 0;
  let pendingRead: (() => void) | undefined;
  const repository = {
    async findTokenWithOwner(hash: string) {
      reads += 1;
      const found = rows.get(hash);
      const answer = found === undefined ? undefined : { token: { ...found }, user: { ...user, reviewAppIds: [...user.reviewAppIds] } };
      if (pendingRead !== undefined) await new Promise<void>((resolve) => (pendingRead = resolve));
      return answer;
    },
    async revokeToken(id: string, at: Date) {
      for (const [hash, row] of rows) if (row.id === id) rows.set(hash, { ...row, revokedAt: at });
      return Promise.resolve(true);
    },
  } as unknown as ServerAccountRepository;
  return {
    repository,
    reads: () => reads,
    /** The next read answers from the table as it is now, but only once `release` is called. */
    holdNextRead() {
      pendingRead = () => undefined;
      return () => {
        const release = pendingRead;
        pendingRead = undefined;
        release?.();
      };
    },
  };
}

function fakeFeed(initial: number | undefined): Pick<ChangeFeed, 'version'> & { set(version: number | undefined): void } {
  let version = initial;
  return { version: () => version, set: (next) => (version = next) };
}

function setUp(feed = fakeFeed(1)) {
  const rows = new Map([['hash-1', token]]);
  const fake = fakeRepository(rows);
  let now = 0;
  const cached = withCachedCallerLookups(fake.repository, feed, () => now);
  return { rows, fake, feed, cached, advance: (ms: number) => (now += ms) };
}

describe('cached caller lookups', () => {
  it('read a known token once while nothing changes, and the copy kept cannot be changed by a caller', async () => {
    const { fake, cached } = setUp();
    const first = await cached.findTokenWithOwner('hash-1');
    const second = await cached.findTokenWithOwner('hash-1');
    expect(second).toEqual(first);
    expect(fake.reads()).toBe(1);
    expect(() => {
      (second as { user: ServerUserRecord }).user.role = 'auditor';
    }).toThrow(TypeError);
  });

  it('read again after a change anywhere (a new feed version), after this process writes, and after 5 s', async () => {
    const { fake, feed, cached, advance } = setUp();
    await cached.findTokenWithOwner('hash-1');
    feed.set(2);
    await cached.findTokenWithOwner('hash-1');
    expect(fake.reads()).toBe(2);

    expect(await cached.revokeToken('t1', new Date(1_000))).toBe(true);
    expect((await cached.findTokenWithOwner('hash-1'))?.token.revokedAt).toEqual(new Date(1_000));
    expect(fake.reads()).toBe(3);

    advance(4_999);
    await cached.findTokenWithOwner('hash-1');
    expect(fake.reads()).toBe(3);
    advance(1);
    await cached.findTokenWithOwner('hash-1');
    expect(fake.reads()).toBe(4);
  });

  it('keep nothing while the feed cannot see changes, and never keep an unknown credential', async () => {
    const { fake, feed, cached } = setUp(fakeFeed(undefined));
    await cached.findTokenWithOwner('hash-1');
    await cached.findTokenWithOwner('hash-1');
    expect(fake.reads()).toBe(2);

    feed.set(7);
    expect(await cached.findTokenWithOwner('unknown')).toBeUndefined();
    expect(await cached.findTokenWithOwner('unknown')).toBeUndefined();
    expect(fake.reads()).toBe(4);
  });

  it('not keep what a lookup read while a change was announced or this process wrote', async () => {
    const { rows, fake, feed, cached } = setUp();
    // A change announced while the read is in flight: what it read may predate the change.
    let release = fake.holdNextRead();
    const racing = cached.findTokenWithOwner('hash-1');
    feed.set(2);
    release();
    await racing;
    await cached.findTokenWithOwner('hash-1');
    expect(fake.reads()).toBe(2);

    // This process revokes while another request's read is in flight with the old row.
    release = fake.holdNextRead();
    feed.set(3);
    const stale = cached.findTokenWithOwner('hash-1');
    await cached.revokeToken('t1', new Date(5));
    release();
    expect((await stale)?.token.revokedAt).toBeNull();
    expect(rows.get('hash-1')?.revokedAt).toEqual(new Date(5));
    expect((await cached.findTokenWithOwner('hash-1'))?.token.revokedAt).toEqual(new Date(5));
  });
});
