import { describe, expect, it } from 'vitest';
import { bucketFor, type BucketId } from './buckets.js';

describe('bucketFor', () => {
  // [method, path, bucket id, Workforce limit, developer limit]
  const rows: [string, string, BucketId, number, number][] = [
    ['GET', '/api/v1/apps', '/api/v1/apps*', 100, 20],
    ['GET', '/api/v1/apps/0oa1/users', '/api/v1/apps*', 100, 20],
    ['GET', '/api/v1/apps/0oa1/groups', '/api/v1/apps*', 100, 20],
    ['GET', '/api/v1/apps/0oa1', '/api/v1/apps/{id}', 500, 100],
    ['PUT', '/api/v1/apps/0oa1', '/api/v1/apps/{id}', 500, 100],
    ['GET', '/api/v1/groups', '/api/v1/groups*', 500, 100],
    ['POST', '/api/v1/groups', '/api/v1/groups*', 500, 100],
    ['GET', '/api/v1/groups/00g1/users', '/api/v1/groups*', 500, 100],
    ['GET', '/api/v1/groups/00g1/apps', '/api/v1/groups*', 500, 100],
    ['GET', '/api/v1/groups/00g1', '/api/v1/groups/{id}', 1000, 100],
    ['GET', '/api/v1/users', 'GET /api/v1/users', 600, 100],
    ['POST', '/api/v1/users', 'GET /api/v1/users', 600, 100],
    ['GET', '/api/v1/users/00u1', 'GET /api/v1/users/{id}', 2000, 100],
    ['GET', '/api/v1/users/alice%40example.com', 'GET /api/v1/users/{id}', 2000, 100],
    ['DELETE', '/api/v1/users/00u1', 'POST|PUT|DELETE /api/v1/users/{id}', 600, 100],
    ['GET', '/api/v1/users/00u1/factors', 'GET /api/v1/users', 600, 100],
    ['GET', '/api/v1/users/00u1/groups', 'GET /api/v1/users', 600, 100],
    ['GET', '/api/v1/users/00u1/appLinks', 'GET /api/v1/users', 600, 100],
    ['GET', '/api/v1/users/00u1/roles', 'GET /api/v1/users', 600, 100],
    ['GET', '/api/v1/logs', '/api/v1/logs', 120, 20],
    ['GET', '/api/v1/events', '/api/v1/events', 100, 20],
    ['GET', '/api/v1/devices', '/api/v1/devices', 100, 100],
    ['GET', '/api/v1/certificateAuthorities', '/api/v1/certificateAuthorities', 100, 100],
    ['POST', '/oauth2/v1/token', '/oauth2/v1/token', 600, 100],
    ['GET', '/api/v1/policies', '/api/v1*', 1200, 100],
    ['GET', '/api/v1/policies/00p1/rules', '/api/v1*', 1200, 100],
    ['GET', '/api/v1/iam/assignees/users', '/api/v1*', 1200, 100],
  ];

  it.each(rows)('%s %s → %s', (method, path, id, workforce, developer) => {
    expect(bucketFor(method, path, 'workforce', 'users')).toEqual({ id, limitPerMinute: workforce });
    expect(bucketFor(method, path, 'developer', 'users')).toEqual({ id, limitPerMinute: developer });
  });

  it('prefers an exact template over a longer-looking prefix, and the longest prefix over a shorter one', () => {
    // `/api/v1/apps/{id}` (exact) beats `/api/v1/apps*`; `/api/v1/apps*` beats `/api/v1*`.
    expect(bucketFor('GET', '/api/v1/apps/0oa1', 'workforce', 'users').id).toBe('/api/v1/apps/{id}');
    expect(bucketFor('GET', '/api/v1/apps/0oa1/users/00u1', 'workforce', 'users').id).toBe('/api/v1/apps*');
    expect(bucketFor('GET', '/api/v1/appsX', 'workforce', 'users').id).toBe('/api/v1*');
  });

  it('lets the method decide between buckets of one path', () => {
    expect(bucketFor('GET', '/api/v1/groups/00g1', 'workforce', 'users').id).toBe('/api/v1/groups/{id}');
    // POST /groups/{id} is no by-id operation in Okta's mapping: it falls to the groups bucket.
    expect(bucketFor('POST', '/api/v1/groups/00g1', 'workforce', 'users').id).toBe('/api/v1/groups*');
    expect(bucketFor('POST', '/api/v1/logs', 'workforce', 'users').id).toBe('/api/v1*');
    expect(bucketFor('head', '/api/v1/users/00u1', 'workforce', 'users').id).toBe('GET /api/v1/users/{id}');
  });

  it('moves /users/{id}/factors to the single-user bucket when factorsBucket is users-id', () => {
    expect(bucketFor('GET', '/api/v1/users/00u1/factors', 'workforce', 'users-id')).toEqual({
      id: 'GET /api/v1/users/{id}',
      limitPerMinute: 2000,
    });
    // Only the factor list moves; the other sub-paths stay in the users bucket.
    expect(bucketFor('GET', '/api/v1/users/00u1/groups', 'workforce', 'users-id').id).toBe('GET /api/v1/users');
  });

  it('ignores a trailing slash', () => {
    expect(bucketFor('GET', '/api/v1/users/', 'workforce', 'users').id).toBe('GET /api/v1/users');
  });
});
