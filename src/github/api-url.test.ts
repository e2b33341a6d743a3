import { describe, expect, it } from 'vitest';
import { resolveGithubApi } from './api-url.js';

describe('resolveGithubApi', () => {
  it.each([
    [undefined, 'github.com', 'https://api.github.com', 'https://api.github.com/graphql'],
    ['https://github.com', 'github.com', 'https://api.github.com', 'https://api.github.com/graphql'],
    ['https://api.github.com/', 'github.com', 'https://api.github.com', 'https://api.github.com/graphql'],
    ['https://acme.ghe.com', 'ghe.com', 'https://api.acme.ghe.com', 'https://api.acme.ghe.com/graphql'],
    ['https://github.example.com', 'enterprise-server', 'https://github.example.com/api/v3', 'https://github.example.com/api/graphql'],
    ['https://github.example.com/api/v3/', 'enterprise-server', 'https://github.example.com/api/v3', 'https://github.example.com/api/graphql'],
    ['http://127.0.0.1:8443', 'enterprise-server', 'http://127.0.0.1:8443/api/v3', 'http://127.0.0.1:8443/api/graphql'],
  ])('%s → %s', (given, kind, apiUrl, graphqlUrl) => {
    expect(resolveGithubApi(given)).toEqual({ kind, apiUrl, graphqlUrl });
  });

  it.each([
    ['not a url', /is not a URL/],
    ['http://github.example.com', /only reached over https/],
    ['https://user:pw@github.example.com', /leave credentials out/],
    ['https://github.example.com/some/page', /is its host/],
    ['https://github.example.com/?x=1', /query/],
  ])('refuses %s', (given, why) => {
    expect(() => resolveGithubApi(given)).toThrow(why);
    try {
      resolveGithubApi(given);
    } catch (error) {
      expect(error).toMatchObject({ code: 'GITHUB_BASE_URL_INVALID' });
      expect(String(error)).not.toContain(':pw@');
    }
  });
});
