import type { DownstreamAccount, DownstreamSnapshot } from '../../../store/downstream-types.js';

/** Builders for passthrough tests: a GitHub-like service mapped to Okta app 0oaGH of acme.okta.com, SSO enforced per its API. */

export function makeAccount(overrides: Partial<DownstreamAccount> & Pick<DownstreamAccount, 'login'>): DownstreamAccount {
  return { accountId: `id-${overrides.login}`, email: null, kind: 'member', ownMfa: 'disabled', samlNameId: `${overrides.login}@example.com`, ...overrides };
}

export function makeDownstreamSnapshot(accounts: DownstreamAccount[], overrides: Partial<DownstreamSnapshot> = {}): DownstreamSnapshot {
  return {
    service: { id: 'svc-gh', kind: 'github', name: 'GitHub organization acme-example', oktaOrg: 'acme.okta.com', oktaAppId: '0oaGH' },
    readAt: '2025-06-30T11:00:00.000Z',
    accounts,
    credentials: [],
    requiresOwnMfa: false,
    samlConfigured: true,
    ssoEnforced: { source: 'api', value: true, detail: 'enterprise SAML identity provider (enforced for every organization)' },
    completeness: { accounts: true, ownMfa: true, samlIdentities: true, credentials: true, notes: [] },
    ...overrides,
  };
}
