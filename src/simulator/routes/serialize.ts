import { createHash } from 'node:crypto';
import type {
  SimApp,
  SimAppGroup,
  SimAppUser,
  SimFactor,
  SimGroup,
  SimPolicy,
  SimPolicyRule,
  SimRoleAssignment,
  SimUser,
} from '../org/types.js';

/**
 * Okta's wire shapes for the simulator's entities, with `_links` on the base URL the request was served on.
 * Credentials are rebuilt field by field so a secret stored on an entity can never reach a response.
 */

interface Href {
  href: string;
  hints?: { allow: string[] };
}

function href(baseUrl: string, path: string, allow?: string[]): Href {
  return allow === undefined ? { href: `${baseUrl}${path}` } : { href: `${baseUrl}${path}`, hints: { allow } };
}

/** A deterministic 20-character Okta-style id (prefix + 17 characters) for objects the org does not store, e.g. app links. */
export function derivedId(prefix: string, ...parts: string[]): string {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest('base64url').replace(/[-_]/g, 'x');
  return (prefix + digest).slice(0, 20);
}

/** The org id used in ORNs; the simulator has no real one, so it derives a stable one from the org name. */
export function orgId(orgName: string): string {
  return derivedId('00o', 'org', orgName);
}

export function serializeUser(user: SimUser, baseUrl: string): Record<string, unknown> {
  const { credentials } = user;
  return {
    id: user.id,
    status: user.status,
    created: user.created,
    activated: user.activated,
    statusChanged: user.statusChanged,
    lastLogin: user.lastLogin,
    lastUpdated: user.lastUpdated,
    passwordChanged: user.passwordChanged,
    type: { id: user.type.id },
    profile: user.profile,
    credentials: {
      // An empty object says a password exists; its value is never returned (OKTA-API.md §5.3).
      ...(credentials.password !== undefined ? { password: {} } : {}),
      ...(credentials.recovery_question !== undefined ? { recovery_question: { question: credentials.recovery_question.question } } : {}),
      provider: { type: credentials.provider.type, name: credentials.provider.name },
    },
    _links: { self: href(baseUrl, `/api/v1/users/${user.id}`) },
  };
}

export function serializeFactor(factor: SimFactor, userId: string, baseUrl: string): Record<string, unknown> {
  return {
    id: factor.id,
    factorType: factor.factorType,
    provider: factor.provider,
    vendorName: factor.vendorName,
    status: factor.status,
    created: factor.created,
    lastUpdated: factor.lastUpdated,
    profile: factor.profile,
    _links: {
      self: href(baseUrl, `/api/v1/users/${userId}/factors/${factor.id}`, ['GET', 'DELETE']),
      user: href(baseUrl, `/api/v1/users/${userId}`),
    },
  };
}

export interface GroupStats {
  usersCount: number;
  appsCount: number;
  groupPushMappingsCount: number;
  hasAdminPrivilege: boolean;
}

export function serializeGroup(group: SimGroup, baseUrl: string, stats?: GroupStats): Record<string, unknown> {
  const logo = ['medium', 'large'].map((name) => ({
    name,
    href: `${baseUrl}/assets/img/logos/groups/okta-${name}.png`,
    type: 'image/png',
  }));
  return {
    id: group.id,
    created: group.created,
    lastUpdated: group.lastUpdated,
    lastMembershipUpdated: group.lastMembershipUpdated,
    objectClass: group.objectClass,
    type: group.type,
    profile: group.profile,
    _links: {
      logo,
      users: href(baseUrl, `/api/v1/groups/${group.id}/users`),
      apps: href(baseUrl, `/api/v1/groups/${group.id}/apps`),
      ...(group.sourceAppId !== undefined ? { source: href(baseUrl, `/api/v1/apps/${group.sourceAppId}`) } : {}),
    },
    ...(stats !== undefined ? { _embedded: { stats } } : {}),
  };
}

export function serializeApp(app: SimApp, baseUrl: string, orgName: string): Record<string, unknown> {
  const lifecycle = app.status === 'ACTIVE' ? 'deactivate' : 'activate';
  return {
    id: app.id,
    orn: `orn:okta:idp:${orgId(orgName)}:apps:${app.name}:${app.id}`,
    name: app.name,
    label: app.label,
    status: app.status,
    lastUpdated: app.lastUpdated,
    created: app.created,
    // Okta sends null redirect URLs; SPEC types them as plain strings, so unset ones are left out.
    accessibility: { selfService: false },
    visibility: { autoSubmitToolbar: false, hide: { iOS: false, web: false }, appLinks: { [app.name + '_link']: true } },
    features: app.features,
    signOnMode: app.signOnMode,
    credentials: { userNameTemplate: { template: '${source.login}', type: 'BUILT_IN' }, signing: {} },
    settings: app.settings,
    _links: {
      self: href(baseUrl, `/api/v1/apps/${app.id}`),
      appLinks: [{ name: app.name + '_link', href: appLinkUrl(baseUrl, app), type: 'text/html' }],
      users: href(baseUrl, `/api/v1/apps/${app.id}/users`),
      groups: href(baseUrl, `/api/v1/apps/${app.id}/groups`),
      logo: [{ name: 'medium', href: `${baseUrl}/assets/img/logos/default.png`, type: 'image/png' }],
      [lifecycle]: href(baseUrl, `/api/v1/apps/${app.id}/lifecycle/${lifecycle}`, ['POST']),
      // App → authentication policy (OKTA-API.md §7.1, SPEC ApplicationLinks.accessPolicy).
      ...(app.accessPolicyId !== null ? { accessPolicy: href(baseUrl, `/api/v1/policies/${app.accessPolicyId}`) } : {}),
    },
  };
}

function appLinkUrl(baseUrl: string, app: SimApp): string {
  return `${baseUrl}/home/${app.name}/${app.id}/${derivedId('aln', app.id)}`;
}

export function serializeAppUser(row: SimAppUser, appId: string, baseUrl: string): Record<string, unknown> {
  // SPEC types externalId and statusChanged as non-null strings, so unset ones are left out rather than sent as null.
  return {
    id: row.id,
    ...(row.externalId !== null ? { externalId: row.externalId } : {}),
    created: row.created,
    lastUpdated: row.lastUpdated,
    scope: row.scope,
    status: row.status,
    ...(row.statusChanged !== null ? { statusChanged: row.statusChanged } : {}),
    passwordChanged: null,
    syncState: row.syncState,
    credentials: { userName: row.credentials.userName },
    profile: row.profile,
    _links: {
      app: href(baseUrl, `/api/v1/apps/${appId}`),
      user: href(baseUrl, `/api/v1/users/${row.id}`),
    },
  };
}

export function serializeAppGroup(row: SimAppGroup, appId: string, baseUrl: string): Record<string, unknown> {
  return {
    id: row.id,
    lastUpdated: row.lastUpdated,
    priority: row.priority,
    profile: row.profile,
    _links: {
      app: href(baseUrl, `/api/v1/apps/${appId}`),
      group: href(baseUrl, `/api/v1/groups/${row.id}`),
    },
  };
}

/** One entry of `/users/{id}/appLinks` (SPEC UserAppLink). */
export function serializeAppLink(app: SimApp, userId: string, sortOrder: number, baseUrl: string): Record<string, unknown> {
  return {
    id: derivedId('00u', 'applink', app.id, userId),
    label: app.label,
    linkUrl: appLinkUrl(baseUrl, app),
    logoUrl: `${baseUrl}/assets/img/logos/default.png`,
    appName: app.name,
    appInstanceId: app.id,
    appAssignmentId: derivedId('0ua', 'assignment', app.id, userId),
    credentialsSetup: false,
    hidden: false,
    sortOrder,
  };
}

export function serializePolicy(policy: SimPolicy, baseUrl: string): Record<string, unknown> {
  const self = `/api/v1/policies/${policy.id}`;
  const lifecycle = policy.status === 'ACTIVE' ? 'deactivate' : 'activate';
  return {
    id: policy.id,
    type: policy.type,
    name: policy.name,
    description: policy.description,
    status: policy.status,
    priority: policy.priority,
    system: policy.system,
    conditions: policy.conditions,
    ...(policy.settings !== null ? { settings: policy.settings } : {}),
    created: policy.created,
    lastUpdated: policy.lastUpdated,
    _links: {
      self: href(baseUrl, self, ['GET', 'PUT', 'DELETE']),
      rules: href(baseUrl, `${self}/rules`, ['GET', 'POST']),
      mappings: href(baseUrl, `${self}/mappings`, ['GET', 'POST']),
      [lifecycle]: href(baseUrl, `${self}/lifecycle/${lifecycle}`, ['POST']),
    },
  };
}

export function serializeRule(rule: SimPolicyRule, policyId: string, baseUrl: string): Record<string, unknown> {
  const self = `/api/v1/policies/${policyId}/rules/${rule.id}`;
  const lifecycle = rule.status === 'ACTIVE' ? 'deactivate' : 'activate';
  return {
    id: rule.id,
    type: rule.type,
    name: rule.name,
    priority: rule.priority,
    status: rule.status,
    system: rule.system,
    ...(rule.conditions !== undefined ? { conditions: rule.conditions } : {}),
    actions: rule.actions,
    created: rule.created,
    lastUpdated: rule.lastUpdated,
    _links: {
      self: href(baseUrl, self, ['GET', 'PUT', 'DELETE']),
      [lifecycle]: href(baseUrl, `${self}/lifecycle/${lifecycle}`, ['POST']),
    },
  };
}

/** `/policies/{id}/mappings` entry (SPEC PolicyMapping): the mapping id is derived, the app is in `_links.application`. */
export function serializePolicyMapping(policyId: string, appId: string, baseUrl: string): Record<string, unknown> {
  const id = derivedId('rsm', 'mapping', policyId, appId);
  return {
    id,
    _links: {
      application: href(baseUrl, `/api/v1/apps/${appId}`),
      self: href(baseUrl, `/api/v1/policies/${policyId}/mappings/${id}`, ['GET', 'DELETE']),
      policy: href(baseUrl, `/api/v1/policies/${policyId}`),
    },
  };
}

/** A role assignment (OKTA-API.md §11): group-inherited roles point their assignee at the group. */
export function serializeRole(role: SimRoleAssignment, userId: string, baseUrl: string): Record<string, unknown> {
  const assignee =
    role.assignmentType === 'GROUP' && role.groupId !== undefined ? `/api/v1/groups/${role.groupId}` : `/api/v1/users/${userId}`;
  return {
    id: role.id,
    label: role.label,
    type: role.type,
    status: role.status,
    created: role.created,
    lastUpdated: role.lastUpdated,
    assignmentType: role.assignmentType,
    _links: { assignee: href(baseUrl, assignee) },
  };
}

/** One row of `/iam/assignees/users` (SPEC RoleAssignedUser). */
export function serializeRoleAssignee(userId: string, orgName: string, baseUrl: string): Record<string, unknown> {
  return {
    id: userId,
    orn: `orn:okta:${orgId(orgName)}:users:${userId}`,
    _links: {
      self: href(baseUrl, `/api/v1/users/${userId}`),
      roles: href(baseUrl, `/api/v1/users/${userId}/roles`),
    },
  };
}
