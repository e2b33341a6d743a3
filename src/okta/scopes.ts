/**
 * The OAuth scope a read of each endpoint needs, from the spec's per-operation `security` (OKTA-API.md §1.3), so a
 * 403 for a missing scope can name the scope to grant. Read-only: `.read` scopes allow GET only.
 */

/** [path prefix as segments, `*` = any one segment, scope]. The longest matching prefix wins. */
const SCOPES: readonly (readonly [string, string])[] = [
  ['/api/v1/users', 'okta.users.read'],
  // Factors, authenticator enrollments, groups and appLinks of a user come under okta.users.read (no factors scope).
  ['/api/v1/users/*/roles', 'okta.roles.read'],
  ['/api/v1/groups', 'okta.groups.read'],
  ['/api/v1/groups/*/roles', 'okta.roles.read'],
  ['/api/v1/apps', 'okta.apps.read'],
  ['/api/v1/policies', 'okta.policies.read'],
  ['/api/v1/logs', 'okta.logs.read'],
  ['/api/v1/iam', 'okta.roles.read'],
  ['/api/v1/authenticators', 'okta.authenticators.read'],
  ['/api/v1/api-tokens', 'okta.apiTokens.read'],
  ['/api/v1/org', 'okta.orgs.read'],
  ['/api/v1/domains', 'okta.domains.read'],
  ['/api/v1/zones', 'okta.networkZones.read'],
];

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function matches(prefix: readonly string[], path: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((part, i) => part === '*' || part === path[i]);
}

/** The scope a GET of `path` (no query string) needs, or undefined for an endpoint we do not know. */
export function scopeForPath(path: string): string | undefined {
  const actual = segments(path);
  let best: { length: number; scope: string } | undefined;
  for (const [prefix, scope] of SCOPES) {
    const parts = segments(prefix);
    if (matches(parts, actual) && (best === undefined || parts.length > best.length)) best = { length: parts.length, scope };
  }
  return best?.scope;
}
