import { describe, expect, it } from 'vitest';
import { OktaClientError } from '../errors.js';
import { SecretRegistry } from '../redact.js';
import { parseOAuthErrorBody } from './oauth-errors.js';
import { CLIENT_ID, KEY_ID, json, oauthFor, scriptedTokenEndpoint, tokenReply, type TokenReply } from './test-kit.js';
import type { FetchToken } from './token-fetch.js';

const resource = { method: 'GET', url: 'https://company.okta.com/api/v1/users?limit=200' };

async function tokenFailure(reply: TokenReply, dpop: boolean | 'auto' = 'auto'): Promise<OktaClientError> {
  const { fetchToken } = scriptedTokenEndpoint(reply);
  const auth = await oauthFor(fetchToken, { dpop });
  const error = await auth.authorize(resource).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OktaClientError);
  return error as OktaClientError;
}

describe('token endpoint error mapping', () => {
  it('invalid_client names the client id, the kid and Okta’s description', async () => {
    const error = await tokenFailure(
      json(401, { error: 'invalid_client', error_description: 'The client_assertion JWT kid is invalid.' }, { 'x-okta-request-id': 'req-123' }),
    );
    expect(error).toMatchObject({
      code: 'OKTA_OAUTH_TOKEN_FAILED',
      status: 401,
      oktaErrorCode: 'invalid_client',
      requestId: 'req-123',
      request: 'POST /oauth2/v1/token',
    });
    expect(error.message).toContain(`client id ${CLIENT_ID}`);
    expect(error.message).toContain(`kid ${KEY_ID}`);
    expect(error.message).toContain('The client_assertion JWT kid is invalid.');
    expect(error.message).toContain('"Public key / Private key"');
  });

  it.each([
    [
      { error: 'invalid_scope', error_description: 'The following scopes are not allowed for this request: [okta.logs.read, okta.roles.read].' },
      'missing: okta.logs.read okta.roles.read',
    ],
    [{ error: 'invalid_scope', error_description: 'The requested scope is invalid, unknown, malformed, or exceeds the scope granted.' }, 'requested: okta.users.read okta.groups.read'],
    [{ error: 'no_org_scopes_granted', error_description: 'You are not allowed any of the requested scopes' }, 'requested: okta.users.read'],
    [{ error: 'consent_required', error_description: 'You are not allowed any of the requested scopes' }, 'requested: okta.users.read'],
  ])('scope errors say which scopes to grant, where, and by whom (%j)', async (body, which) => {
    const error = await tokenFailure(json(400, body));
    expect(error.code).toBe('OKTA_OAUTH_TOKEN_FAILED');
    expect(error.message).toContain(which);
    expect(error.message).toContain('Okta API Scopes');
    expect(error.message).toContain('only a Super Admin can grant scopes');
    expect(error.message).toContain('Read-Only Administrator role');
  });

  it.each([
    [{ error: 'invalid_dpop_proof', error_description: 'The DPoP proof JWT is issued more than five minutes in the past.' }, "synchronise this host's clock"],
    [{ error: 'invalid_dpop_proof', error_description: "'htu' claim in the DPoP proof JWT is invalid." }, 'Okta rejected the DPoP proof'],
    [{ error: 'use_dpop_nonce', error_description: 'Authorization server requires nonce in DPoP proof.' }, 'strips the DPoP or DPoP-Nonce headers'],
  ])('DPoP errors are OKTA_DPOP_FAILED with what to do (%j)', async (body, expected) => {
    const error = await tokenFailure(json(400, body), true);
    expect(error.code).toBe('OKTA_DPOP_FAILED');
    expect(error.message).toContain(expected);
  });

  it.each([
    [json(400, { error: 'unauthorized_client', error_description: 'The client is not authorized to use the provided grant type.' }), 'OKTA_OAUTH_TOKEN_FAILED', 'API Services app'],
    [json(400, { error: 'invalid_request', error_description: 'Something else.' }), 'OKTA_OAUTH_TOKEN_FAILED', 'Okta refused the token request (invalid_request: Something else.)'],
    [json(429, { errorCode: 'E0000047' }), 'OKTA_RATE_LIMITED', 'rate-limited'],
    [json(503, { error: 'temporarily_unavailable' }), 'OKTA_SERVER_ERROR', 'HTTP 503, temporarily_unavailable'],
    [{ status: 404, headers: { 'content-type': 'text/html' }, body: '<html>Not found</html>' }, 'OKTA_OAUTH_TOKEN_FAILED', 'without an OAuth error'],
    [{ status: 200, headers: {}, body: '<html>captive portal</html>' }, 'OKTA_BAD_RESPONSE', 'without an access_token'],
    [json(200, { token_type: 'mac', access_token: 'opaque-token-value-1234' }), 'OKTA_BAD_RESPONSE', 'unsupported token_type "mac"'],
  ])('maps %j to %s', async (reply, code, expected) => {
    const error = await tokenFailure(reply);
    expect(error.code).toBe(code);
    expect(error.message).toContain(expected);
    expect(error.message).not.toContain('\n');
  });

  it('maps a network failure to OKTA_NETWORK_ERROR with the cause', async () => {
    const cause = Object.assign(new Error('getaddrinfo ENOTFOUND company.okta.com'), { code: 'ENOTFOUND' });
    const fetchToken: FetchToken = () => Promise.reject(cause);
    const auth = await oauthFor(fetchToken);
    const error = (await auth.authorize(resource).catch((e: unknown) => e)) as OktaClientError;
    expect(error.code).toBe('OKTA_NETWORK_ERROR');
    expect(error.message).toContain('ENOTFOUND');
    expect(error.cause).toBe(cause);
  });

  it('gives up on a silent token endpoint with OKTA_TIMEOUT', async () => {
    const fetchToken: FetchToken = (_url, init) =>
      new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason as Error)));
    const auth = await oauthFor(fetchToken, { tokenRequestTimeoutMs: 20 });
    await expect(auth.authorize(resource)).rejects.toMatchObject({ code: 'OKTA_TIMEOUT' });
  });
});

describe('secrets never reach an error', () => {
  it('redacts the assertion, the token-endpoint proof, the access token and a resource proof echoed back by the server', async () => {
    const opaqueAccessToken = 'opaque-access-token-0123456789abcdef';
    let leaked: string[] = [];
    const { fetchToken, seen } = scriptedTokenEndpoint(
      json(200, { token_type: 'DPoP', expires_in: 3600, access_token: opaqueAccessToken }),
      (request) =>
        json(401, {
          error: 'invalid_client',
          error_description: `echo ${leaked.join(' ')} client_assertion=${request.assertion} ${request.assertion} proof ${request.proofJwt ?? ''}`,
        }),
    );
    const secrets = new SecretRegistry();
    const auth = await oauthFor(fetchToken, { secrets });
    const sent = await auth.authorize(resource);
    leaked = [opaqueAccessToken, sent.DPoP!, `Authorization: DPoP ${opaqueAccessToken}`];
    expect(auth.handleChallenge({ status: 401, headers: {}, body: null, sentHeaders: sent })).toBe(true);
    const error = (await auth.authorize(resource).catch((e: unknown) => e)) as OktaClientError;

    expect(error.code).toBe('OKTA_OAUTH_TOKEN_FAILED');
    const forbidden = [opaqueAccessToken, sent.DPoP!, seen[1]!.assertion, seen[1]!.proofJwt!, seen[0]!.assertion, seen[0]!.proofJwt!];
    for (const rendered of [error.message, JSON.stringify(error), String(error), error.stack ?? '']) {
      for (const secret of forbidden) expect(rendered).not.toContain(secret);
    }
    expect(error.message).toContain('[REDACTED]');
    // Everything the strategy holds is in the registry or its own list, so logs can redact it too.
    expect(secrets.redact(seen[1]!.assertion)).not.toContain(seen[1]!.assertion);
    expect(secrets.redact(opaqueAccessToken)).toBe('[REDACTED]');
    expect(auth.secrets()).toContain(seen[1]!.assertion);
  });

  it('keeps secrets out of configuration errors', async () => {
    const { fetchToken } = scriptedTokenEndpoint(tokenReply('Bearer'));
    const error = (await oauthFor(fetchToken, { clientId: 'bad id' }).catch((e: unknown) => e)) as OktaClientError;
    expect(JSON.stringify(error)).not.toContain('bad id');
  });
});

describe('parseOAuthErrorBody', () => {
  it.each([
    ['{"error":"invalid_client","error_description":"x"}', { error: 'invalid_client', description: 'x' }],
    [{ error: 'use_dpop_nonce' }, { error: 'use_dpop_nonce', description: undefined }],
    ['not json', undefined],
    [{ errorCode: 'E0000011' }, undefined],
    [null, undefined],
  ])('%j', (body, expected) => {
    expect(parseOAuthErrorBody(body)).toEqual(expected);
  });
});
