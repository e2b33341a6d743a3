import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDenial, orgAccess, type OrgPermission, type OrgViewer } from './access.js';
import type { GhContext } from './context.js';
import { DOCS, sendGitHubError, sendValidationFailed } from './github-errors.js';
import { setRateHeaders, type Limiters } from './hooks.js';
import type { GhOrg, GhUser, Permissions } from './model.js';
import { queryOf, servePage } from './pages.js';
import { installationOf, organizationFull, privateUser, simpleUser } from './serialize.js';

const TWO_FACTOR_FILTERS = ['all', '2fa_disabled', '2fa_insecure'] as const;
const ROLES = ['all', 'admin', 'member'] as const;
/** Installation tokens expire after one hour (REM createInstallationAccessToken.md). */
const INSTALLATION_TOKEN_MS = 3_600_000;

type OrgParams = { Params: { org: string } };

/** The API root a client used: `http://host:port` or, for GHES-style calls, `http://host:port/api/v3`. */
function apiRootOf(ctx: GhContext, request: FastifyRequest): string {
  return request.url.startsWith('/api/v3') ? `${ctx.baseUrl}/api/v3` : ctx.baseUrl;
}

/** Keeps users of the 2FA filter: `2fa_disabled` = no 2FA; `2fa_insecure` = an insecure (SMS) method (REM, RAD #4777). */
function passesTwoFactorFilter(user: GhUser, filter: (typeof TWO_FACTOR_FILTERS)[number]): boolean {
  if (filter === '2fa_disabled') return user.twoFactor === 'none';
  if (filter === '2fa_insecure') return user.twoFactor === 'insecure';
  return true;
}

function isOneOf<T extends string>(values: readonly T[], raw: string): raw is T {
  return (values as readonly string[]).includes(raw);
}

/**
 * The REST endpoints the connector reads, registered once per prefix ('' for api.github.com, '/api/v3' for GHES).
 * Rate limits, authentication and secondary limits are hooks that ran before.
 */
export function registerRestRoutes(app: FastifyInstance, ctx: GhContext, limiters: Limiters): void {
  /** 404 for an unknown org, or the caller's view of it (or a refusal already sent). */
  const withOrg = (request: FastifyRequest<OrgParams>, reply: FastifyReply, permission: OrgPermission | null, docs: string): { org: GhOrg; viewer: OrgViewer } | null => {
    const org = ctx.world.orgs.get(request.params.org.toLowerCase());
    if (org === undefined) {
      void sendGitHubError(reply, 404, 'Not Found', docs);
      return null;
    }
    const caller = request.github ?? { kind: 'anonymous' };
    const viewer = orgAccess(ctx.world, caller, org, permission, ctx.options.installationSeesTwoFactor, ctx.baseUrl);
    if (isDenial(viewer)) {
      void sendGitHubError(reply, viewer.status, viewer.message, docs, viewer.headers);
      return null;
    }
    return { org, viewer };
  };

  app.get<OrgParams>('/orgs/:org', async (request, reply) => {
    const found = withOrg(request, reply, null, DOCS.getOrg);
    if (found === null) return reply;
    return organizationFull(found.org, found.viewer, apiRootOf(ctx, request));
  });

  app.get<OrgParams>('/orgs/:org/members', async (request, reply) => {
    const query = queryOf(request);
    const filter = query.filter ?? 'all';
    const role = query.role ?? 'all';
    if (!isOneOf(TWO_FACTOR_FILTERS, filter)) return sendValidationFailed(reply, 'filter', filter, DOCS.listMembers);
    if (!isOneOf(ROLES, role)) return sendValidationFailed(reply, 'role', role, DOCS.listMembers);
    const found = withOrg(request, reply, 'members', DOCS.listMembers);
    if (found === null) return reply;
    const { org, viewer } = found;
    // Owner-only filters: 422 with this message, not 403 (GITHUB-API.md §1.1; alex/otp-cop#4, trycompai/comp#2521).
    if (filter !== 'all' && !viewer.seesTwoFactor) return sendGitHubError(reply, 422, 'Only owners can use this filter.', DOCS.listMembers);
    const members = org.members.filter(
      (m) => (viewer.seesConcealedMembers || m.user.publicMember) && (role === 'all' || m.role === role) && passesTwoFactorFilter(m.user, filter),
    );
    const api = apiRootOf(ctx, request);
    return servePage(request, reply, ctx.baseUrl, members).map((m) => simpleUser(m.user, api));
  });

  app.get<OrgParams>('/orgs/:org/outside_collaborators', async (request, reply) => {
    const filter = queryOf(request).filter ?? 'all';
    if (!isOneOf(TWO_FACTOR_FILTERS, filter)) return sendValidationFailed(reply, 'filter', filter, DOCS.listOutsideCollaborators);
    const found = withOrg(request, reply, 'members', DOCS.listOutsideCollaborators);
    if (found === null) return reply;
    // UNCERTAIN (§1.2): whether non-owners may filter; the reference does not say owners only, so anyone who may
    // list them may filter. Outside collaborators are never public: a viewer outside the org sees none.
    const visible = found.viewer.seesConcealedMembers ? found.org.outsideCollaborators.filter((u) => passesTwoFactorFilter(u, filter)) : [];
    const api = apiRootOf(ctx, request);
    return servePage(request, reply, ctx.baseUrl, visible).map((u) => simpleUser(u, api));
  });

  app.get<OrgParams>('/orgs/:org/credential-authorizations', async (request, reply) => {
    const found = withOrg(request, reply, 'organization_administration', DOCS.credentialAuthorizations);
    if (found === null) return reply;
    const { org, viewer } = found;
    if (request.github?.kind === 'anonymous') return sendGitHubError(reply, 401, 'Requires authentication', DOCS.credentialAuthorizations);
    if (!viewer.seesSaml && !viewer.seesOwnerSettings) return sendGitHubError(reply, 403, 'Must be an organization owner.', DOCS.credentialAuthorizations);
    // UNCERTAIN (§3): the answer on an org without SAML; 404, as one third-party collector maps it to "not configured".
    if (org.saml === 'none') return sendGitHubError(reply, 404, 'Not Found', DOCS.credentialAuthorizations);
    const login = queryOf(request).login;
    const rows = login === undefined ? org.credentialAuthorizations : org.credentialAuthorizations.filter((c) => c.login.toLowerCase() === login.toLowerCase());
    return servePage(request, reply, ctx.baseUrl, rows);
  });

  app.get<OrgParams>('/orgs/:org/installation', async (request, reply) => {
    if (request.github?.kind !== 'app') {
      // GitHub requires the App's JWT here (REM getOrgInstallation.md).
      return sendGitHubError(reply, 401, 'A JSON web token could not be decoded', DOCS.orgInstallation);
    }
    const org = ctx.world.orgs.get(request.params.org.toLowerCase());
    // UNCERTAIN (§4.1): 404 when the App is not installed, as for an unknown org.
    if (org?.installation == null) return sendGitHubError(reply, 404, 'Not Found', DOCS.orgInstallation);
    return installationOf(ctx.world, org, org.installation, apiRootOf(ctx, request));
  });

  app.post<{ Params: { id: string }; Body: unknown }>('/app/installations/:id/access_tokens', async (request, reply) => {
    if (request.github?.kind !== 'app') return sendGitHubError(reply, 401, 'A JSON web token could not be decoded', DOCS.createInstallationToken);
    const id = Number(request.params.id);
    const org = [...ctx.world.orgs.values()].find((o) => o.installation?.id === id);
    if (org?.installation == null) return sendGitHubError(reply, 404, 'Not Found', DOCS.createInstallationToken);
    const requested = permissionsOf(request.body);
    const granted = org.installation.permissions;
    if (requested !== null) {
      // Down-scoping only: asking for more than the installation holds is a 422 (D-IAT, REM).
      for (const [name, level] of Object.entries(requested)) {
        const held = granted[name];
        if (held === undefined || (level === 'write' && held !== 'write')) {
          return sendGitHubError(reply, 422, `The permissions requested are not granted to this installation.`, DOCS.createInstallationToken);
        }
      }
    }
    const permissions = requested ?? granted;
    // `ghs_` tokens; not 40 characters fixed (D-IAT: a longer stateless format is rolling out).
    const token = `ghs_${randomBytes(27).toString('base64url').replace(/[-_]/g, 'x')}`;
    const expiresAt = ctx.clock() + INSTALLATION_TOKEN_MS;
    ctx.world.tokens.set(token, { kind: 'installation', installationId: id, orgLogin: org.login, permissions, expiresAt });
    return reply.code(201).send({ token, expires_at: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'), permissions, repository_selection: 'all' });
  });

  app.get('/rate_limit', async (request, reply) => {
    const budget = request.githubBudget;
    if (budget === undefined) return reply;
    const now = ctx.clock();
    const resource = (name: string, key: string, limit: number) => {
      const state = limiters.primary.peek(`${budget.key}:${key}`, limit, now);
      return [name, { limit: state.limit, used: state.used, remaining: state.remaining, reset: state.reset }] as const;
    };
    const core = resource('core', 'core', budget.core);
    setRateHeaders(reply, limiters.primary.peek(`${budget.key}:core`, budget.core, now), 'core');
    const resources = Object.fromEntries([core, resource('graphql', 'graphql', budget.graphql), resource('search', 'search', 30)]);
    // API version 2026-03-10 removes the deprecated top-level `rate` (D-VER).
    if (request.headers['x-github-api-version'] === '2026-03-10') return { resources };
    return { resources, rate: core[1] };
  });

  app.get('/user', async (request, reply) => {
    const caller = request.github;
    if (caller === undefined || caller.kind === 'anonymous') return sendGitHubError(reply, 401, 'Requires authentication', DOCS.authenticatedUser);
    if (caller.kind === 'app' || caller.grant.kind === 'installation') return sendGitHubError(reply, 403, 'Resource not accessible by integration', DOCS.authenticatedUser);
    return privateUser(caller.grant.user, apiRootOf(ctx, request));
  });
}

/** The `permissions` object of a token request body, or null when absent. */
function permissionsOf(body: unknown): Permissions | null {
  if (typeof body !== 'object' || body === null || !('permissions' in body)) return null;
  const raw: unknown = body.permissions;
  if (typeof raw !== 'object' || raw === null) return null;
  const out: Permissions = {};
  for (const [name, level] of Object.entries(raw as Record<string, unknown>)) if (level === 'read' || level === 'write') out[name] = level;
  return out;
}
