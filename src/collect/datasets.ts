import { scopeForPath } from '../okta/scopes.js';
import type { EntityKind } from '../store/repositories/entity-tables.js';
import { DATASET_IDS, type DatasetId } from '../store/types.js';

/**
 * One dataset, declared once: what people call it, the Okta requests that read it (all GET), the OAuth scopes those
 * need (derived from the requests through src/okta/scopes.ts), the stored record kinds it fills, and what is never
 * read. Each collector names the declarations of the datasets it fills (`defineCollector({ declares })`); the
 * evidence manifest's data-access statement, the CLI's labels and Test connection's per-dataset report are derived
 * from these, so there is no second list to drift. Pure data: the evidence layer reads it without the client.
 */
export interface DatasetDeclaration {
  dataset: DatasetId;
  /** How the CLI, the server and the evidence name the dataset: "group memberships". */
  label: string;
  /** Every request the collector makes for it, `GET <path>[?query]`, with `{placeholders}`. */
  requests: readonly string[];
  /** OAuth scopes the requests need, derived from `requests`. */
  scopes: readonly string[];
  /** Snapshot record kinds stored (empty for the System Log, stored per org). */
  kinds: readonly EntityKind[];
  /** What the product never reads or keeps of it. */
  neverRead: readonly string[];
}

function pathOf(request: string): string {
  return (request.split(' ')[1] ?? '').split('?')[0] ?? '';
}

export function defineDataset(declaration: Omit<DatasetDeclaration, 'scopes'>): DatasetDeclaration {
  return { ...declaration, scopes: [...new Set(declaration.requests.map((request) => scopeForPath(pathOf(request)) ?? 'unknown'))] };
}

export const USERS_DATASET = defineDataset({
  dataset: 'users',
  label: 'users',
  requests: ['GET /api/v1/users', 'GET /api/v1/users?filter=status eq "DEPROVISIONED"'],
  kinds: ['users'],
  neverRead: ['credentials (password, password hash, recovery question and answer)', 'profile attributes beyond those listed'],
});

export const FACTORS_DATASET = defineDataset({
  dataset: 'factors',
  label: 'factors',
  requests: ['GET /api/v1/users/{userId}/factors'],
  kinds: ['factors'],
  neverRead: ['factor secrets and shared seeds', 'full phone numbers and email addresses (a masked summary is kept)'],
});

export const GROUPS_DATASET = defineDataset({
  dataset: 'groups',
  label: 'groups',
  requests: ['GET /api/v1/groups'],
  kinds: ['groups'],
  neverRead: ['group profile attributes beyond name and description'],
});

export const GROUP_MEMBERSHIPS_DATASET = defineDataset({
  dataset: 'groupMemberships',
  label: 'group memberships',
  requests: ['GET /api/v1/groups/{groupId}/users'],
  kinds: ['groupMemberships'],
  neverRead: ['member profiles (ids only)'],
});

export const APPS_DATASET = defineDataset({
  dataset: 'apps',
  label: 'apps',
  requests: ['GET /api/v1/apps', 'GET /api/v1/apps?filter=status eq "INACTIVE"'],
  kinds: ['apps'],
  neverRead: ['app credentials (client secrets, signing keys, shared passwords)', 'app settings'],
});

export const APP_ASSIGNMENTS_DATASET = defineDataset({
  dataset: 'appAssignments',
  label: 'app assignments',
  requests: ['GET /api/v1/apps/{appId}/users', 'GET /api/v1/apps/{appId}/groups'],
  kinds: ['appAssignments', 'appGroupAssignments'],
  neverRead: ['app user credentials (user names and passwords for the app)', 'app user profiles'],
});

export const POLICIES_DATASET = defineDataset({
  dataset: 'policies',
  label: 'policies',
  requests: ['GET /api/v1/policies?type={PASSWORD|MFA_ENROLL|OKTA_SIGN_ON|ACCESS_POLICY}', 'GET /api/v1/policies/{policyId}/rules'],
  kinds: ['policies', 'policyRules'],
  neverRead: [],
});

export const ADMIN_ROLES_DATASET = defineDataset({
  dataset: 'adminRoles',
  label: 'admin roles',
  requests: ['GET /api/v1/iam/assignees/users', 'GET /api/v1/users/{userId}/roles'],
  kinds: ['adminRoles'],
  neverRead: ['role permissions and resource sets'],
});

export const LOG_EVENTS_DATASET = defineDataset({
  dataset: 'logEvents',
  label: 'log events',
  requests: ['GET /api/v1/logs'],
  kinds: [],
  neverRead: [
    'query strings of request URLs in debugContext.debugData (removed before storage)',
    'debugData values under secret-like keys (token, secret, password, assertion, cookie, code, otp: removed)',
  ],
});

/** Every declaration, in the store's dataset order. `collect/index.test.ts` checks the collectors declare exactly these. */
export const DATASET_DECLARATIONS: readonly DatasetDeclaration[] = [
  USERS_DATASET,
  FACTORS_DATASET,
  GROUPS_DATASET,
  GROUP_MEMBERSHIPS_DATASET,
  APPS_DATASET,
  APP_ASSIGNMENTS_DATASET,
  POLICIES_DATASET,
  ADMIN_ROLES_DATASET,
  LOG_EVENTS_DATASET,
].sort((a, b) => DATASET_IDS.indexOf(a.dataset) - DATASET_IDS.indexOf(b.dataset));

const BY_ID = new Map(DATASET_DECLARATIONS.map((declaration) => [declaration.dataset, declaration]));

export function datasetDeclaration(dataset: DatasetId): DatasetDeclaration {
  const declaration = BY_ID.get(dataset);
  if (declaration === undefined) throw new Error(`No declaration for dataset "${dataset}".`);
  return declaration;
}
