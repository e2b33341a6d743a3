import { describe, expect, it } from 'vitest';
import { OktaClientError } from '../errors.js';
import { SecretRegistry } from '../redact.js';
import { createSswsAuth } from './ssws.js';

const TOKEN = '00abcDEFghiJKLmnoPQRstuVWXyz0123456789-_x';

describe('createSswsAuth', () => {
  it('sends Authorization: SSWS <token>', async () => {
    const auth = createSswsAuth(TOKEN);
    expect(auth.kind).toBe('ssws');
    await expect(auth.authorize({ method: 'GET', url: 'https://company.okta.com/api/v1/users?limit=200' })).resolves.toEqual({
      Authorization: `SSWS ${TOKEN}`,
    });
  });

  it.each([`${TOKEN}\n`, `${TOKEN}\r\n`, `${TOKEN}\n\n`])('trims the line break a token file ends with (%j)', async (raw) => {
    const auth = createSswsAuth(raw);
    await expect(auth.authorize({ method: 'GET', url: 'https://company.okta.com/api/v1/users' })).resolves.toEqual({
      Authorization: `SSWS ${TOKEN}`,
    });
  });

  it('registers the token so errors and logs redact it', () => {
    const secrets = new SecretRegistry();
    const auth = createSswsAuth(TOKEN, secrets);
    expect(auth.secrets()).toEqual([TOKEN]);
    expect(secrets.redact(`token=${TOKEN}`)).toBe('token=[REDACTED]');
  });

  it('never retries a challenge: a rejected API token cannot be renewed here', () => {
    const auth = createSswsAuth(TOKEN);
    expect(auth.handleChallenge({ status: 401, headers: {}, body: { errorCode: 'E0000011' } })).toBe(false);
  });

  it.each([
    ['', 'is empty'],
    ['\n', 'is empty'],
    ['   ', 'is empty'],
    [`SSWS ${TOKEN}`, 'starts with "SSWS "'],
    [`${TOKEN.slice(0, 20)} ${TOKEN.slice(20)}`, 'contains spaces or line breaks'],
    [`${TOKEN}\nsecond-line`, 'contains spaces or line breaks'],
    [` ${TOKEN}`, 'contains spaces or line breaks'],
    [`${TOKEN}\u00e9`, 'contains characters that cannot appear'],
    ['short', 'is too short'],
  ])('rejects %j with OKTA_AUTH_CONFIG_INVALID', (raw, expected) => {
    let caught: unknown;
    try {
      createSswsAuth(raw);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OktaClientError);
    const error = caught as OktaClientError;
    expect(error.code).toBe('OKTA_AUTH_CONFIG_INVALID');
    expect(error.message).toContain(expected);
    expect(error.message).not.toContain(TOKEN.slice(0, 20));
  });
});
