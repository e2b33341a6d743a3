import type { FastifyReply } from 'fastify';

/**
 * GitHub's REST error body: `message`, `documentation_url`, and on current responses `status` as a string
 * (GITHUB-API.md §7; jhu-bids/TermHub#935). 422s add `errors[]`.
 */
export interface GitHubErrorBody {
  message: string;
  documentation_url: string;
  status: string;
  errors?: { resource?: string; field?: string; code: string; message?: string }[];
}

export const REST_DOCS = 'https://docs.github.com/rest';

/** Documentation links GitHub puts on the errors the simulator serves, per operation. */
export const DOCS = {
  getOrg: `${REST_DOCS}/orgs/orgs#get-an-organization`,
  listMembers: `${REST_DOCS}/orgs/members#list-organization-members`,
  listOutsideCollaborators: `${REST_DOCS}/orgs/outside-collaborators#list-outside-collaborators-for-an-organization`,
  credentialAuthorizations: `${REST_DOCS}/orgs/orgs#list-saml-sso-authorizations-for-an-organization`,
  orgInstallation: `${REST_DOCS}/apps/apps#get-an-organization-installation-for-the-authenticated-app`,
  createInstallationToken: `${REST_DOCS}/apps/apps#create-an-installation-access-token-for-an-app`,
  authenticatedUser: `${REST_DOCS}/users/users#get-the-authenticated-user`,
  primaryLimit: `${REST_DOCS}/overview/rate-limits-for-the-rest-api`,
  secondaryLimit: 'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
  saml: 'https://docs.github.com/articles/authenticating-to-a-github-organization-with-saml-single-sign-on/',
  graphql: 'https://docs.github.com/graphql',
} as const;

export function errorBody(status: number, message: string, documentationUrl: string = REST_DOCS): GitHubErrorBody {
  return { message, documentation_url: documentationUrl, status: String(status) };
}

export function sendGitHubError(
  reply: FastifyReply,
  status: number,
  message: string,
  documentationUrl: string = REST_DOCS,
  headers: Record<string, string> = {},
): FastifyReply {
  return reply.code(status).headers(headers).type('application/json; charset=utf-8').send(errorBody(status, message, documentationUrl));
}

/** `422 Validation Failed` with one `errors[]` item, e.g. an unknown enum value of a query parameter. */
export function sendValidationFailed(reply: FastifyReply, field: string, value: string, documentationUrl: string): FastifyReply {
  const body: GitHubErrorBody = {
    ...errorBody(422, 'Validation Failed', documentationUrl),
    // UNCERTAIN: the exact errors[] GitHub sends for an unknown enum value; the shape follows D-TRB.
    errors: [{ field, code: 'invalid', message: `${field} is not included in the list: ${value}` }],
  };
  return reply.code(422).type('application/json; charset=utf-8').send(body);
}
