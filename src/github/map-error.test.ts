import { RequestError } from '@octokit/request-error';
import { describe, expect, it } from 'vitest';
import { resolveGithubApi } from './api-url.js';
import { githubErrorOf, permissionInWords } from './map-error.js';

const GITHUB_HEADERS = { 'x-github-request-id': 'AAAA:BBBB', 'x-github-media-type': 'github.v3; format=json' };
const context = { location: resolveGithubApi(undefined), request: 'GET /orgs/{org}/members', credentialKind: 'token' as const };

function refusal(status: number, message: string, headers: Record<string, string> = {}) {
  return new RequestError(message, status, {
    request: { method: 'GET', url: 'https://api.github.com/orgs/acme/members', headers: { authorization: 'token ghp_abcdefghijklmnop1234' } },
    response: { status, url: 'https://api.github.com/orgs/acme/members', headers: { ...GITHUB_HEADERS, ...headers }, data: { message, documentation_url: 'https://docs.github.com/rest', status: String(status) } },
  });
}

describe('githubErrorOf', () => {
  it('says a wrong token is wrong, without the token', () => {
    const error = githubErrorOf(refusal(401, 'Bad credentials'), context);
    expect(error.code).toBe('GITHUB_CREDENTIAL_INVALID');
    expect(error.message).toMatch(/The GitHub token was refused \(401 Bad credentials\)/);
    expect(JSON.stringify(error)).not.toContain('ghp_');
  });

  it('names the permission GitHub asks for', () => {
    const error = githubErrorOf(refusal(403, 'Resource not accessible by integration', { 'x-accepted-github-permissions': 'members=read' }), { ...context, credentialKind: 'app' });
    expect(error).toMatchObject({ code: 'GITHUB_PERMISSION_DENIED', permissionNeeded: "the GitHub App's organization permission Members (read)" });
    expect(permissionInWords('members=read; organization_administration=read', 'token')).toBe("the fine-grained token's organization permission Members (read) or Administration (read)");
  });

  it('tells SAML authorization, rate limits, owner-only filters and server errors apart', () => {
    expect(githubErrorOf(refusal(403, 'Resource protected by organization SAML enforcement.', { 'x-github-sso': 'required; url=https://github.com/orgs/acme/sso?authorization_request=1' }), context)).toMatchObject({
      code: 'GITHUB_SSO_AUTHORIZATION_REQUIRED',
      message: expect.stringContaining('https://github.com/orgs/acme/sso?authorization_request=1') as string,
    });
    expect(githubErrorOf(refusal(403, 'API rate limit exceeded', { 'x-ratelimit-remaining': '0' }), context).code).toBe('GITHUB_RATE_LIMITED');
    expect(githubErrorOf(refusal(429, 'You have exceeded a secondary rate limit.'), context).code).toBe('GITHUB_RATE_LIMITED');
    expect(githubErrorOf(refusal(422, 'Only owners can use this filter.'), context)).toMatchObject({ code: 'GITHUB_OWNER_ONLY', permissionNeeded: 'an organization owner' });
    expect(githubErrorOf(refusal(502, 'Bad Gateway'), context).code).toBe('GITHUB_SERVER_ERROR');
    expect(githubErrorOf(refusal(404, 'Not Found'), context).code).toBe('GITHUB_ORG_NOT_FOUND');
  });

  it('says an address that answers without GitHub’s headers is not GitHub', () => {
    const notGithub = new RequestError('Not Found', 404, {
      request: { method: 'GET', url: 'https://intranet.example.com/api/v3/orgs/acme', headers: {} },
      response: { status: 404, url: 'https://intranet.example.com/api/v3/orgs/acme', headers: { 'content-type': 'text/html' }, data: '<html>' },
    });
    const error = githubErrorOf(notGithub, { ...context, location: resolveGithubApi('https://intranet.example.com') });
    expect(error.code).toBe('GITHUB_NOT_GITHUB');
    expect(error.message).toMatch(/https:\/\/intranet\.example\.com\/api\/v3 is not a GitHub Enterprise Server/);
  });

  it('says a timeout and an unreachable host', () => {
    const timeout = Object.assign(new RequestError('The operation was aborted due to timeout', 500, { request: { method: 'GET', url: 'https://api.github.com/x', headers: {} } }), {
      cause: new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
    });
    expect(githubErrorOf(timeout, context).code).toBe('GITHUB_TIMEOUT');
    const unreachable = new RequestError('getaddrinfo ENOTFOUND github.example.com', 500, { request: { method: 'GET', url: 'https://github.example.com/api/v3/x', headers: {} } });
    expect(githubErrorOf(unreachable, context)).toMatchObject({ code: 'GITHUB_NETWORK_ERROR', message: expect.stringContaining('ENOTFOUND') as string });
  });
});
