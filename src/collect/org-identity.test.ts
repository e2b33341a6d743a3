import { describe, expect, it } from 'vitest';
import { OktaClientError } from '../okta/errors.js';
import { SIMULATOR_MARKER } from '../okta/org-metadata.js';
import { readSyncOrgIdentity, type OrgIdentityInput } from './org-identity.js';

const signal = new AbortController().signal;
const METADATA = { id: '00oEXAMPLE0000000001', pipeline: 'idx', _links: { organization: { href: 'https://example.okta.com' } } };
const ADMIN = { id: '00uADMIN', profile: { login: 'admin@example.com' } };

/** A client answering each path from a table; a path missing from it fails as Okta's 404 would. */
function client(answers: Record<string, unknown>): OrgIdentityInput['client'] {
  return {
    get: <T>(path: string) => {
      if (!(path in answers)) return Promise.reject(new OktaClientError('OKTA_NOT_FOUND', `${path} is 404`, { status: 404 }));
      const answer = answers[path];
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer as T);
    },
  };
}

describe('readSyncOrgIdentity', () => {
  it('names the org id, the engine and the API token’s admin', async () => {
    const identity = await readSyncOrgIdentity({
      client: client({ '/.well-known/okta-organization': METADATA, '/api/v1/users/me': ADMIN }),
      domain: 'example.okta.com',
      credential: { type: 'ssws' },
      signal,
    });
    expect(identity).toEqual({
      orgId: '00oEXAMPLE0000000001',
      domain: 'example.okta.com',
      pipeline: 'idx',
      credential: { type: 'ssws', principal: 'admin@example.com (user 00uADMIN)' },
      simulated: false,
      unknown: [],
    });
  });

  it('names the OAuth client id as the principal, without asking for a user', async () => {
    const identity = await readSyncOrgIdentity({
      client: client({ '/.well-known/okta-organization': { ...METADATA, pipeline: 'v1' } }),
      domain: 'example.okta.com',
      credential: { type: 'oauth', clientId: '0oaSERVICEAPP' },
      signal,
    });
    expect(identity).toMatchObject({ pipeline: 'v1', credential: { type: 'oauth', principal: 'client 0oaSERVICEAPP' }, unknown: [] });
  });

  it('never rejects: what it cannot read is null, and unknown says why', async () => {
    const identity = await readSyncOrgIdentity({
      client: client({ '/.well-known/okta-organization': new Error('socket hang up') }),
      domain: 'example.okta.com',
      credential: { type: 'ssws' },
      signal,
    });
    expect(identity).toMatchObject({ orgId: null, pipeline: null, credential: { type: 'ssws', principal: null }, simulated: false });
    expect(identity.unknown).toEqual([
      'org id unknown: reading /.well-known/okta-organization failed (socket hang up).',
      'credential principal unknown: reading /api/v1/users/me failed (/api/v1/users/me is 404).',
    ]);
  });

  it('marks the org simulated when the simulator’s marker is in its metadata, or when the caller says so', async () => {
    const marked = await readSyncOrgIdentity({
      client: client({ '/.well-known/okta-organization': { ...METADATA, [SIMULATOR_MARKER.member]: SIMULATOR_MARKER.value }, '/api/v1/users/me': ADMIN }),
      domain: 'example.okta.com',
      credential: { type: 'ssws' },
      signal,
    });
    expect(marked.simulated).toBe(true);
    const told = await readSyncOrgIdentity({ client: client({}), domain: 'example.okta.com', credential: { type: 'ssws' }, simulated: true, signal });
    expect(told.simulated).toBe(true);
  });
});
