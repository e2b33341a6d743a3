import type { GhInstallation, GhOrg, GhUser, GhWorld } from './model.js';
import type { OrgViewer } from './access.js';

/** GitHub's public web host; the API's own links use the simulator's base URL. */
const WEB = 'https://github.com';

/** `simple-user` (GitHub's OpenAPI schema): what member and collaborator lists return, with no 2FA field. */
export function simpleUser(user: GhUser, api: string): Record<string, unknown> {
  const url = `${api}/users/${user.login}`;
  return {
    login: user.login,
    id: user.id,
    node_id: user.nodeId,
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url,
    html_url: `${WEB}/${user.login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: 'User',
    user_view_type: 'public',
    site_admin: false,
  };
}

/** `private-user`: `GET /user` for a token's own user; `two_factor_authentication` is the user's own 2FA. */
export function privateUser(user: GhUser, api: string): Record<string, unknown> {
  return {
    ...simpleUser(user, api),
    user_view_type: 'private',
    name: user.name,
    company: null,
    blog: '',
    location: null,
    email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: user.createdAt,
    updated_at: user.createdAt,
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: user.twoFactor !== 'none',
  };
}

/**
 * `organization-full`. The owner-only settings — `two_factor_requirement_enabled`, `plan`, billing and member
 * permissions — need an owner (classic PATs: `admin:org`, REM get.md). Others get the public fields and
 * `two_factor_requirement_enabled: null`, as GitHub sends it (PyGithub#1132): null means unknown, never false.
 */
export function organizationFull(org: GhOrg, viewer: OrgViewer, api: string): Record<string, unknown> {
  const url = `${api}/orgs/${org.login}`;
  const base: Record<string, unknown> = {
    login: org.login,
    id: org.id,
    node_id: org.nodeId,
    url,
    repos_url: `${url}/repos`,
    events_url: `${url}/events`,
    hooks_url: `${url}/hooks`,
    issues_url: `${url}/issues`,
    members_url: `${url}/members{/member}`,
    public_members_url: `${url}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${org.id}?v=4`,
    description: `${org.name} (simulated)`,
    name: org.name,
    company: null,
    blog: '',
    location: null,
    email: null,
    twitter_username: null,
    is_verified: true,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: 3,
    public_gists: 0,
    followers: 0,
    following: 0,
    html_url: `${WEB}/${org.login}`,
    type: 'Organization',
    created_at: org.createdAt,
    updated_at: org.createdAt,
    archived_at: null,
    two_factor_requirement_enabled: null,
  };
  if (!viewer.seesOwnerSettings) return base;
  const seats = org.members.length;
  return {
    ...base,
    total_private_repos: 12,
    owned_private_repos: 12,
    private_gists: 0,
    disk_usage: 48_213,
    collaborators: org.outsideCollaborators.length,
    billing_email: `billing@example.com`,
    // SAML SSO is GHEC-only (D-SAML); an org without it is on the Team plan here.
    plan: { name: org.saml === 'none' && org.enterpriseSlug === null ? 'team' : 'enterprise', space: 976_562_499, private_repos: 999_999, filled_seats: seats, seats: seats + 10 },
    default_repository_permission: 'read',
    members_can_create_repositories: false,
    two_factor_requirement_enabled: org.twoFactorRequired,
    members_allowed_repository_creation_type: 'none',
    members_can_create_public_repositories: false,
    members_can_create_private_repositories: false,
    members_can_create_internal_repositories: false,
    members_can_create_pages: true,
    members_can_create_public_pages: false,
    members_can_create_private_pages: true,
    members_can_fork_private_repositories: false,
    web_commit_signoff_required: false,
  };
}

/** `installation` of the App on an organization. */
export function installationOf(world: GhWorld, org: GhOrg, installation: GhInstallation, api: string): Record<string, unknown> {
  return {
    id: installation.id,
    client_id: world.app.clientId,
    account: simpleOrgAccount(org, api),
    repository_selection: 'all',
    access_tokens_url: `${api}/app/installations/${installation.id}/access_tokens`,
    repositories_url: `${api}/installation/repositories`,
    html_url: `${WEB}/organizations/${org.login}/settings/installations/${installation.id}`,
    app_id: world.app.id,
    app_slug: world.app.slug,
    target_id: org.id,
    target_type: 'Organization',
    permissions: installation.permissions,
    events: [],
    created_at: installation.createdAt,
    updated_at: installation.createdAt,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
}

/** An organization as the `account` of an installation: GitHub serves it in the `simple-user` shape. */
function simpleOrgAccount(org: GhOrg, api: string): Record<string, unknown> {
  return {
    ...simpleUser({ id: org.id, login: org.login, nodeId: org.nodeId, name: org.name, twoFactor: 'none', publicMember: true, createdAt: org.createdAt }, api),
    url: `${api}/users/${org.login}`,
    type: 'Organization',
  };
}
