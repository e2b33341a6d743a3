import { describe, expect, it } from 'vitest';
import { bucketFor } from './buckets.js';

describe('bucketFor', () => {
  it.each([
    ['GET', '/api/v1/users', 'GET /api/v1/users'],
    ['GET', '/api/v1/users/00u1', 'GET /api/v1/users/{id}'],
    ['HEAD', '/api/v1/users/00u1', 'GET /api/v1/users/{id}'],
    ['POST', '/api/v1/users/00u1', 'POST|PUT|DELETE /api/v1/users/{id}'],
    // Sub-resources of a user: the pessimistic users bucket (OKTA-API.md §4.2).
    ['GET', '/api/v1/users/00u1/factors', 'GET /api/v1/users'],
    ['GET', '/api/v1/users/00u1/roles', 'GET /api/v1/users'],
    ['GET', '/api/v1/apps', '/api/v1/apps*'],
    ['GET', '/api/v1/apps/0oa1', '/api/v1/apps/{id}'],
    ['GET', '/api/v1/apps/0oa1/users', '/api/v1/apps*'],
    ['GET', '/api/v1/apps/0oa1/groups', '/api/v1/apps*'],
    ['GET', '/api/v1/groups', '/api/v1/groups*'],
    ['GET', '/api/v1/groups/00g1', '/api/v1/groups/{id}'],
    ['POST', '/api/v1/groups/00g1', '/api/v1/groups*'],
    ['GET', '/api/v1/groups/00g1/users', '/api/v1/groups*'],
    ['GET', '/api/v1/groups/00g1/apps', '/api/v1/groups*'],
    ['GET', '/api/v1/logs', '/api/v1/logs'],
    ['GET', '/api/v1/policies', '/api/v1*'],
    ['GET', '/api/v1/iam/assignees/users', '/api/v1*'],
    ['GET', '/api/v1/usersx', '/api/v1*'],
    ['GET', '/something/else', '/api/v1*'],
  ])('%s %s → %s', (method, path, bucket) => {
    expect(bucketFor(method, path)).toBe(bucket);
  });
});
