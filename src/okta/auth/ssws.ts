import { OktaClientError } from '../errors.js';
import { SecretRegistry } from '../redact.js';
import type { AuthStrategy } from './types.js';

/**
 * Below this length the secret registry would not redact the value (it skips short strings so ordinary words survive).
 * Real Okta API tokens are 42 characters.
 */
const MIN_TOKEN_LENGTH = 8;

function configError(problem: string): OktaClientError {
  return new OktaClientError('OKTA_AUTH_CONFIG_INVALID', `the Okta API token ${problem}`);
}

/**
 * Checks that a token looks like an Okta API token and returns it without the line break a token file ends with.
 * Messages never quote the value.
 */
export function normaliseSswsToken(token: string): string {
  const value = token.replace(/(?:\r?\n)+$/, '');
  if (value.trim() === '') {
    throw configError('is empty: set OKTA_API_TOKEN or OKTA_API_TOKEN_FILE to a token from Security → API → Tokens');
  }
  if (/^ssws\s/i.test(value)) throw configError('starts with "SSWS ": give only the token; the client adds the SSWS scheme itself');
  if (/\s/.test(value)) {
    throw configError('contains spaces or line breaks: give the token alone, on one line (a token file may end with one newline)');
  }
  if (!/^[\x21-\x7e]+$/.test(value)) throw configError('contains characters that cannot appear in an Okta API token: copy it again from the Admin Console');
  if (value.length < MIN_TOKEN_LENGTH) throw configError('is too short to be an Okta API token: copy the whole value from the Admin Console');
  return value;
}

/**
 * Authenticates with an Okta API token: `Authorization: SSWS <token>`
 * (https://developer.okta.com/docs/guides/create-an-api-token/). The token carries the privileges of the admin who
 * created it; a rejected token cannot be renewed from here, so challenges are never retried.
 */
export function createSswsAuth(token: string, secrets: SecretRegistry = new SecretRegistry()): AuthStrategy {
  const value = normaliseSswsToken(token);
  secrets.add(value);
  const header = `SSWS ${value}`;
  return {
    kind: 'ssws',
    authorize: () => Promise.resolve({ Authorization: header }),
    handleChallenge: () => false,
    secrets: () => [value],
  };
}
