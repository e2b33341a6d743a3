import { parseBaseUrlOverride, parseOktaDomain } from '../okta/domain.js';
import { isOktaClientError } from '../okta/errors.js';
import { authForCredential, type CredentialSecret } from './connection-credential.js';
import { InvalidInputError } from './errors.js';
import type { ClientTuning } from './sync-session.js';
import { testConnection, type TestConnectionReport } from './test-connection.js';

/**
 * Test connection before anything is stored (the console's Connect dialog: test, then save): the same per-dataset
 * report `connect` gives, with nothing written. The credential is used for this test only.
 */
export async function testDraftConnection(input: { domain: string; baseUrl?: string | undefined; credential: CredentialSecret; clientTuning?: ClientTuning; timeoutMs?: number }): Promise<TestConnectionReport> {
  let domain: string;
  let baseUrl: URL | undefined;
  try {
    domain = parseOktaDomain(input.domain);
    baseUrl = input.baseUrl === undefined ? undefined : parseBaseUrlOverride(input.baseUrl);
  } catch (error) {
    if (isOktaClientError(error)) throw new InvalidInputError(error.message, { cause: error });
    throw error;
  }
  const auth = await authForCredential(input.credential, baseUrl ?? new URL(`https://${domain}`), 'the private key');
  return testConnection({
    domain,
    baseUrl,
    auth,
    ...(input.clientTuning === undefined ? {} : { clientTuning: input.clientTuning }),
    ...(input.timeoutMs === undefined ? {} : { timeoutMs: input.timeoutMs }),
  });
}
