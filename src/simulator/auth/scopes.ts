import type { OAuthErrorId } from './oauth-errors.js';

/**
 * The read scopes a compliance collector needs (OKTA-API.md §1.3). A client registered without `scopes` is granted
 * all of them, and SSWS tokens carry all of them (an API token has its admin's privileges, not scopes).
 */
export const READ_SCOPES = [
  'okta.users.read',
  'okta.groups.read',
  'okta.apps.read',
  'okta.policies.read',
  'okta.logs.read',
  'okta.roles.read',
  'okta.authenticators.read',
] as const;

/**
 * Whether `granted` covers `required`. A `.manage` scope includes its `.read` scope
 * (https://developer.okta.com/docs/guides/implement-oauth-for-okta/main/#scopes-and-supported-endpoints).
 */
export function grantsScope(granted: readonly string[], required: string): boolean {
  if (granted.includes(required)) return true;
  return required.endsWith('.read') && granted.includes(required.slice(0, -'.read'.length) + '.manage');
}

/** The `scope` form parameter: space-separated, duplicates and extra spaces ignored, order kept. */
export function parseScopeParam(raw: string): string[] {
  return [...new Set(raw.split(' ').filter((s) => s !== ''))];
}

export type ScopeGrant = { ok: true; scopes: string[] } | { ok: false; id: OAuthErrorId };

/**
 * Which scopes a client-credentials token gets. Every requested scope must be granted to the app
 * (https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/main/#get-an-access-token):
 * none granted → `consent_required` (`no_org_scopes_granted`), some not granted → `invalid_scope`.
 * A request without `scope` is rejected (`missing_scopes`); the org authorization server has no default scopes
 * for service apps that the simulator knows of.
 */
export function grantScopes(scopeParam: string | undefined, granted: readonly string[]): ScopeGrant {
  const requested = parseScopeParam(scopeParam ?? '');
  if (requested.length === 0) return { ok: false, id: 'missing_scopes' };
  if (requested.includes('openid')) return { ok: false, id: 'openid_not_allowed_client_creds' };
  if (requested.some((s) => s.endsWith('.self'))) return { ok: false, id: 'client_credentials_self_scope_requested' };
  const allowed = requested.filter((s) => granted.includes(s));
  if (allowed.length === 0) return { ok: false, id: 'no_org_scopes_granted' };
  if (allowed.length < requested.length) return { ok: false, id: 'invalid_scope' };
  return { ok: true, scopes: allowed };
}
