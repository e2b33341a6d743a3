import { ADMIN, AUDITOR, fakeApi } from '../../test/fake-api';
import { renderConsole } from '../../test/render';

export const ORG = 'acme.example.com';
const ORG_RECORD = { org: ORG, snapshotId: 'snap1', snapshotCreatedAt: '2026-01-15T09:00:00.000Z', datasets: [], lastSync: null };
const USERS = { admin: ADMIN, auditor: AUDITOR, reviewer: { ...AUDITOR, id: 'U3', email: 'reviewer@example.com', role: 'reviewer', reviewAppIds: ['0oagithub'] } };

type Routes = Parameters<typeof fakeApi>[0];

/** The whole console at `path`, signed in as `role`, with one synced org and the page's own API routes. */
export function renderDataPage(path: string, routes: Routes, role: keyof typeof USERS = 'auditor') {
  const fake = fakeApi({ 'GET /api/auth/me': { body: { user: USERS[role] } }, 'GET /api/orgs': { body: { items: [ORG_RECORD] } }, ...routes });
  const rendered = renderConsole(fake.api, path);
  /** The paths (with query) the page asked for under the org. */
  const asked = (prefix: string) => fake.requests.map((request) => request.path).filter((requested) => requested.startsWith(`/api/orgs/${ORG}${prefix}`));
  return { ...rendered, ...fake, asked };
}

export const page = <T,>(items: T[], next: string | null = null) => ({ body: { items, next } });
