import { describe, expect, it } from 'vitest';
import { wwwAuthenticate } from './challenge.js';

describe('wwwAuthenticate', () => {
  it('escapes quotes and omits scope when the route declares none', () => {
    const header = wwwAuthenticate({ scheme: 'Bearer', baseUrl: 'https://x.example.com', scope: undefined, resource: '/api/v1/a"b' }, 'token_expired');
    expect(header).toBe(
      'Bearer authorization_uri="https://x.example.com/oauth2/v1/authorize", realm="https://x.example.com", ' +
        'error="invalid_token", error_description="The token has expired.", resource="/api/v1/a\\"b"',
    );
  });
});
