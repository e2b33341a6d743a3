import { afterAll, describe, expect, it } from 'vitest';
import { seedSnapshot, tempDatabases } from '../cli/testing/seed-store.js';
import { openDatabase } from '../store/database.js';
import { StoreError } from '../store/errors.js';
import type { Store } from '../store/store.js';
import { makeUser } from '../store/testing/fixtures.js';
import { runTests } from './tests.js';

const ORG = 'acme.okta.com';
const databases = tempDatabases();
afterAll(() => databases.dispose());

/** The store as a read-only database answers it: reads work, the first write fails with the store's read-only code. */
function readOnly(store: Store): Store {
  const checkResults = Object.create(store.checkResults) as Store['checkResults'];
  checkResults.save = () => Promise.reject(new StoreError('STORE_READ_ONLY', `The database ${store.location} cannot be written.`));
  return new Proxy(store, { get: (target, key) => (key === 'checkResults' ? checkResults : Reflect.get(target, key)) as unknown });
}

describe('runTests on a read-only database', () => {
  it('evaluates the snapshot, stores nothing, and compares with the last stored run', async () => {
    const db = databases.path('read-only.sqlite');
    await seedSnapshot(db, ORG, { users: [makeUser({ id: '00ua', login: 'alice@example.com' })] });
    const store = await openDatabase(db);
    try {
      const stored = await runTests({ database: store, now: new Date() });
      expect(stored.saved).toBeDefined();

      const unstored = await runTests({ database: readOnly(store), now: new Date() });
      expect(unstored.saved).toBeUndefined();
      expect(unstored.run.results.map((result) => result.id)).toEqual(stored.run.results.map((result) => result.id));
      // The stored run covers this same snapshot, so it is what the unstored run would have replaced: no earlier run.
      expect(unstored.changes).toBeUndefined();
      expect((await store.checkResults.latest(ORG))?.id).toBe(stored.saved?.id);
    } finally {
      await store.close();
    }
  });

  it('still fails on other store errors', async () => {
    const db = databases.path('broken.sqlite');
    await seedSnapshot(db, ORG, { users: [makeUser({ id: '00ua', login: 'alice@example.com' })] });
    const store = await openDatabase(db);
    try {
      const broken = Object.create(store.checkResults) as Store['checkResults'];
      broken.save = () => Promise.reject(new StoreError('STORE_DISK_FULL', 'No space left.'));
      const full = new Proxy(store, { get: (target, key) => (key === 'checkResults' ? broken : Reflect.get(target, key)) as unknown });
      await expect(runTests({ database: full, now: new Date() })).rejects.toMatchObject({ code: 'STORE_DISK_FULL' });
    } finally {
      await store.close();
    }
  });
});
