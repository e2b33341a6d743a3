import { describe, expect, it } from 'vitest';
import { grantScopes, grantsScope } from './scopes.js';

describe('grantScopes', () => {
  const granted = ['okta.users.read', 'okta.logs.read'];
  it.each([
    [undefined, { ok: false, id: 'missing_scopes' }],
    ['okta.users.read', { ok: true, scopes: ['okta.users.read'] }],
    ['okta.logs.read okta.users.read', { ok: true, scopes: ['okta.logs.read', 'okta.users.read'] }],
    ['okta.users.read okta.apps.read', { ok: false, id: 'invalid_scope' }],
    ['okta.apps.read', { ok: false, id: 'no_org_scopes_granted' }],
    ['openid', { ok: false, id: 'openid_not_allowed_client_creds' }],
  ])('scope %s → %j', (param, expected) => {
    expect(grantScopes(param, granted)).toEqual(expected);
  });

  it('lets .manage satisfy .read but not the reverse', () => {
    expect(grantsScope(['okta.users.manage'], 'okta.users.read')).toBe(true);
    expect(grantsScope(['okta.users.read'], 'okta.users.manage')).toBe(false);
  });
});
