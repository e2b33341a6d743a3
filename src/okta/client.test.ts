import { MockAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import type { AuthStrategy } from './auth/types.js';
import { buildUrl, createOktaClient } from './client.js';
import { FakeTime } from './testing/fake-time.js';

const auth: AuthStrategy = {
  kind: 'ssws',
  authorize: () => Promise.resolve({ authorization: 'SSWS 00TESTabcdefghijklmnopqrstuvwxyz0123456789AB' }),
  handleChallenge: () => false,
  secrets: () => [],
};

describe('buildUrl', () => {
  const base = new URL('https://example.okta.com');

  it('joins a path and encodes filters with %20, repeating array values', () => {
    const url = buildUrl(base, '/api/v1/users', { search: 'profile.login sw "a+b@example.com"', limit: 200, expand: ['a', 'b'], skip: undefined, flag: true });
    expect(url.href).toBe('https://example.okta.com/api/v1/users?search=profile.login%20sw%20%22a%2Bb%40example.com%22&limit=200&expand=a&expand=b&flag=true');
  });

  it('keeps a query already in the path and an absolute URL as given', () => {
    expect(buildUrl(base, '/api/v1/logs?sortOrder=ASCENDING', { limit: 1000 }).href).toBe('https://example.okta.com/api/v1/logs?sortOrder=ASCENDING&limit=1000');
    expect(buildUrl(base, 'https://example.okta.com/api/v1/users?after=x').href).toBe('https://example.okta.com/api/v1/users?after=x');
  });

  it('prefixes the path of an overridden base URL', () => {
    expect(buildUrl(new URL('http://127.0.0.1:8080/okta'), 'api/v1/users').href).toBe('http://127.0.0.1:8080/okta/api/v1/users');
  });
});

describe('createOktaClient', () => {
  it('validates the domain and the base-URL override', () => {
    expect(() => createOktaClient({ domain: 'company-admin.okta.com', auth })).toThrow(expect.objectContaining({ code: 'OKTA_DOMAIN_INVALID' }));
    expect(() => createOktaClient({ domain: 'company.okta.com', baseUrl: new URL('http://proxy.example.com'), auth })).toThrow(
      expect.objectContaining({ code: 'OKTA_BASE_URL_INVALID' }),
    );
  });

  it('defaults to https://{domain} and a User-Agent with the package version', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    let userAgent = '';
    agent.get('https://company.okta.com').intercept({ path: '/api/v1/org' }).reply((opts) => {
      userAgent = (opts.headers as Record<string, string>)['user-agent'] ?? '';
      return { statusCode: 200, data: { id: '00o1' } };
    });
    const time = new FakeTime();
    const client = createOktaClient({ domain: 'company.okta.com', auth, dispatcher: agent, clock: time.clock, sleep: time.sleep });
    expect(client.baseUrl.href).toBe('https://company.okta.com/');
    const response = await client.request('/api/v1/org', { signal: new AbortController().signal });
    expect(response).toMatchObject({ status: 200, body: { id: '00o1' }, bucket: '/api/v1*' });
    expect(userAgent).toMatch(/^okta-evidence\/\d+\.\d+\.\d+/);
    await client.close(); // leaves the injected dispatcher alone
    await agent.close();
  });

  it('closes the connection pool it created', async () => {
    const client = createOktaClient({ domain: 'company.okta.com', auth, timeouts: { connectMs: 1000 } });
    await expect(client.close()).resolves.toBeUndefined();
  });
});
