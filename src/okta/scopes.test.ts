import { describe, expect, it } from 'vitest';
import { scopeForPath } from './scopes.js';

describe('scopeForPath', () => {
  it.each([
    ['/api/v1/users', 'okta.users.read'],
    ['/api/v1/users/00u1/factors', 'okta.users.read'],
    ['/api/v1/users/00u1/roles', 'okta.roles.read'],
    ['/api/v1/groups/00g1/users', 'okta.groups.read'],
    ['/api/v1/groups/00g1/roles', 'okta.roles.read'],
    ['/api/v1/apps/0oa1/users', 'okta.apps.read'],
    ['/api/v1/policies/p1/rules', 'okta.policies.read'],
    ['/api/v1/logs', 'okta.logs.read'],
    ['/api/v1/iam/assignees/users', 'okta.roles.read'],
    ['/api/v1/authenticators', 'okta.authenticators.read'],
    ['/api/v1/unknown', undefined],
  ])('%s → %s', (path, scope) => {
    expect(scopeForPath(path)).toBe(scope);
  });
});
