import { configure } from '@testing-library/react';
import { ADMIN, AUDITOR, fakeApi } from '../../test/fake-api';
import { renderConsole } from '../../test/render';

// Pages are lazy chunks: the first render of one waits for its module, which a loaded two-core machine can take
// several seconds to transform under load (Testing Library waits one by default). A hung page still fails, after 15 s.
configure({ asyncUtilTimeout: 15_000 });

export const ORG = 'acme.example.com';
const ORG_RECORD = { org: ORG, snapshotId: 'snap1', snapshotCreatedAt: '2026-01-15T09:00:00.000Z', datasets: [], lastSync: null };
const USERS = { admin: ADMIN, auditor: AUDITOR, reviewer: { ...AUDITOR, id: 'U3', email: 'reviewer@example.com', role: 'reviewer', reviewAppIds: ['0oagithub'] } };

type Routes = Parameters<typeof fakeApi>[0];

/** The whole console at `path`, signed in as `role`, with one synced org and the page's own API routes. */
export function renderDataPage(path: string, routes: Routes, role: keyof typeof USERS = 'auditor') {
  const fake = fakeApi({ 'GET /api/auth/me': { body: { user: USERS[role] } }, 'GET /api/auth/csrf': { body: { token: 'csrf-test-token' } }, 'GET /api/orgs': { body: { items: [ORG_RECORD] } }, ...routes });
  const rendered = renderConsole(fake.api, path);
  /** The paths (with query) the page asked for under the org. */
  const asked = (prefix: string) => fake.requests.map((request) => request.path).filter((requested) => requested.startsWith(`/api/orgs/${ORG}${prefix}`));
  return { ...rendered, ...fake, asked };
}

export const page = <T,>(items: T[], next: string | null = null) => ({ body: { items, next } });
