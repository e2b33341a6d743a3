import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import type { Store } from '../store.js';
import { newOrg } from './fixtures.js';
import { POSTGRES_HINT, availableBackends, type TestBackend } from './test-backends.js';

/**
 * What a backend suite's tests see. The values are set by hooks, so read them inside tests and hooks,
 * never while the suite is being declared; the getters throw if read too early.
 */
export interface StoreTestContext {
  readonly backend: TestBackend;
  /** One store per backend, opened before the suite's first test and shared by all of its tests. */
  readonly store: () => Store;
  /** A fresh org for the current test (see `newOrg`), so tests sharing the store do not see each other's rows. */
  readonly org: () => string;
}

/**
 * Declares `body` once per test backend (SQLite, plus PostgreSQL when TEST_DATABASE_URL is set) as
 * `describe.each(...)(title, ...)`; `title` gets the backend name through `%s`. Disposes the backends after the file.
 */
export function describeEachBackend(title: string, body: (context: StoreTestContext) => void): void {
  const backends = availableBackends(process.env.TEST_DATABASE_URL);
  afterAll(() => Promise.all(backends.map((backend) => backend.dispose())));

  describe.each(backends.map((backend) => [backend.name, backend] as const))(title, (_name, backend) => {
    let store: Store | undefined;
    let org: string | undefined;
    beforeAll(async () => {
      ({ store } = await backend.open());
    });
    beforeEach(() => {
      org = newOrg();
    });

    body({
      backend,
      store: () => store ?? tooEarly('store'),
      org: () => org ?? tooEarly('org'),
    });
  });
  // Without TEST_DATABASE_URL the PostgreSQL run is declared anyway, skipped, so the report counts every test it
  // did not run (instead of the tests vanishing) and the title says how to run them.
  if (!backends.some((backend) => backend.name === 'postgres')) {
    describe.skip(`${title.replace('%s', 'postgres')} (skipped: ${POSTGRES_HINT})`, () => {
      body({ backend: skippedBackend, store: () => tooEarly('store'), org: () => tooEarly('org') });
    });
  }
}

/** Stands in for PostgreSQL in a skipped suite: its tests never run, so it is never opened. */
const skippedBackend: TestBackend = {
  name: 'postgres',
  open: () => Promise.reject(new Error(POSTGRES_HINT)),
  dispose: () => Promise.resolve(),
};

function tooEarly(what: string): never {
  throw new Error(`${what}() was read before the backend suite's hooks ran; read it inside a test or hook`);
}

/** Reads an async iterable to the end. */
export async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of source) items.push(item);
  return items;
}
