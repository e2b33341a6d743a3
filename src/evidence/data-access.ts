import { scopeForPath } from '../okta/scopes.js';
import { fieldsOf, type EntityKind } from '../store/repositories/entity-tables.js';
import type { DatasetId } from '../store/types.js';

/**
 * What okta-evidence read from Okta and what it kept, as data in every manifest: the Okta requests (all GET), the
 * OAuth scope each needs (from src/okta/scopes.ts), and the fields stored (from the store's own column specs, so the
 * table cannot drift from what is actually kept).
 */

export interface DataAccessEntry {
  dataset: DatasetId;
  requests: string[];
  scopes: string[];
  /** Fields stored, per stored record kind. */
  fieldsKept: Record<string, string[]>;
  neverRead: string[];
}

interface DatasetReads {
  dataset: DatasetId;
  requests: string[];
  kinds: EntityKind[];
  neverRead: string[];
}

const READS: readonly DatasetReads[] = [
  {
    dataset: 'users',
    requests: ['GET /api/v1/users', 'GET /api/v1/users?filter=status eq "DEPROVISIONED"'],
    kinds: ['users'],
    neverRead: ['credentials (password, password hash, recovery question and answer)', 'profile attributes beyond those listed'],
  },
  {
    dataset: 'factors',
    requests: ['GET /api/v1/users/{userId}/factors'],
    kinds: ['factors'],
    neverRead: ['factor secrets and shared seeds', 'full phone numbers and email addresses (a masked summary is kept)'],
  },
  { dataset: 'groups', requests: ['GET /api/v1/groups'], kinds: ['groups'], neverRead: ['group profile attributes beyond name and description'] },
  { dataset: 'groupMemberships', requests: ['GET /api/v1/groups/{groupId}/users'], kinds: ['groupMemberships'], neverRead: ['member profiles (ids only)'] },
  {
    dataset: 'apps',
    requests: ['GET /api/v1/apps', 'GET /api/v1/apps?filter=status eq "INACTIVE"'],
    kinds: ['apps'],
    neverRead: ['app credentials (client secrets, signing keys, shared passwords)', 'app settings'],
  },
  {
    dataset: 'appAssignments',
    requests: ['GET /api/v1/apps/{appId}/users', 'GET /api/v1/apps/{appId}/groups'],
    kinds: ['appAssignments', 'appGroupAssignments'],
    neverRead: ['app user credentials (user names and passwords for the app)', 'app user profiles'],
  },
  { dataset: 'policies', requests: ['GET /api/v1/policies?type={PASSWORD|MFA_ENROLL|OKTA_SIGN_ON|ACCESS_POLICY}', 'GET /api/v1/policies/{policyId}/rules'], kinds: ['policies', 'policyRules'], neverRead: [] },
  { dataset: 'adminRoles', requests: ['GET /api/v1/iam/assignees/users', 'GET /api/v1/users/{userId}/roles'], kinds: ['adminRoles'], neverRead: ['role permissions and resource sets'] },
  {
    dataset: 'logEvents',
    requests: ['GET /api/v1/logs'],
    kinds: [],
    neverRead: ['query strings of request URLs in debugContext.debugData (removed before storage)', 'debugData values under secret-like keys (token, secret, password, assertion, cookie, code, otp: removed)'],
  },
];

/** The System Log is stored outside the snapshot tables; these are its columns, the event kept whole (sanitised). */
const LOG_EVENT_FIELDS = ['uuid', 'published', 'eventType', 'outcomeResult', 'actorId', 'actorAlternateId', 'targetIds', 'raw (the sanitised event)'];

function pathOf(request: string): string {
  return (request.split(' ')[1] ?? '').split('?')[0] ?? '';
}

export const DATA_ACCESS = {
  access: 'read-only',
  statement:
    'okta-evidence sends only GET requests to Okta with a read-only admin role or .read OAuth scopes. It never reads, stores or exports passwords, password hashes, recovery answers, factor secrets, API tokens, session tokens or app credentials. Collection errors keep only an entity id and a parse message.',
  reads: READS.map(
    (entry): DataAccessEntry => ({
      dataset: entry.dataset,
      requests: entry.requests,
      scopes: [...new Set(entry.requests.map((request) => scopeForPath(pathOf(request)) ?? 'unknown'))],
      fieldsKept:
        entry.kinds.length === 0
          ? { logEvents: LOG_EVENT_FIELDS }
          : Object.fromEntries(entry.kinds.map((kind) => [kind, fieldsOf(kind).map((field) => field.field)])),
      neverRead: entry.neverRead,
    }),
  ),
};
