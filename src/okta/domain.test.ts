import { describe, expect, it } from 'vitest';
import { parseBaseUrlOverride, parseOktaDomain } from './domain.js';
import { OktaClientError } from './errors.js';

function domainFailure(input: string): OktaClientError {
  try {
    parseOktaDomain(input);
  } catch (error) {
    if (error instanceof OktaClientError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

function baseUrlFailure(input: string): OktaClientError {
  try {
    parseBaseUrlOverride(input);
  } catch (error) {
    if (error instanceof OktaClientError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

describe('parseOktaDomain', () => {
  it.each([
    ['company.okta.com', 'company.okta.com'],
    ['https://company.okta.com', 'company.okta.com'],
    ['https://company.okta.com/', 'company.okta.com'],
    ['  https://company.okta.com/  ', 'company.okta.com'],
    ['HTTPS://Company.OKTA.com', 'company.okta.com'],
    ['https://company.okta.com/admin/dashboard', 'company.okta.com'],
    ['https://company.okta.com/app/UserHome', 'company.okta.com'],
    ['https://company.okta.com/app/UserHome?fromLogin=true#top', 'company.okta.com'],
    ['company.okta.com/', 'company.okta.com'],
    ['company.okta.com.', 'company.okta.com'],
    ['acme.okta-emea.com', 'acme.okta-emea.com'],
    ['acme-test.oktapreview.com', 'acme-test.oktapreview.com'],
    ['trial-1234567.okta.com', 'trial-1234567.okta.com'],
    ['integrator-1234567.okta.com', 'integrator-1234567.okta.com'],
  ])('accepts %j as %s', (input, host) => {
    expect(parseOktaDomain(input)).toBe(host);
  });

  it.each([
    ['', 'missing Okta domain: set --domain'],
    ['   \n', 'missing Okta domain: set --domain'],
    ['company-admin.okta.com', 'remove "-admin" and set --domain to company.okta.com'],
    ['https://company-admin.okta.com/admin/dashboard', 'remove "-admin" and set --domain to company.okta.com'],
    ['acme-admin.oktapreview.com', 'set --domain to acme.oktapreview.com'],
    ['login.example.com', 'must end with .okta.com, .okta-emea.com or .oktapreview.com'],
    ['https://sso.example.com/', 'custom domains are not supported: use the org\'s Okta subdomain'],
    ['company.okta.com.example.com', 'must end with .okta.com'],
    ['company.okta-gov.com', 'must end with .okta.com'],
    ['okta.com', 'is missing your org\'s subdomain: set --domain to e.g. company.okta.com'],
    ['https://oktapreview.com', 'missing your org\'s subdomain: set --domain to e.g. company.oktapreview.com'],
    ['a.b.okta.com', 'must be one subdomain of okta.com'],
    ['http://company.okta.com', 'served over https only (got http://)'],
    ['ftp://company.okta.com', 'served over https only (got ftp://)'],
    ['company.okta.com:8443', 'must not include a port (":8443")'],
    ['https://company.okta.com:443/', 'must not include a port (":443")'],
    ['https://admin:hunter2@company.okta.com', 'must not contain credentials (user:password@)'],
    ['admin@company.okta.com', 'must not contain credentials'],
    ['comp any.okta.com', 'is not a valid host name'],
    ['company_x.okta.com', 'is not a valid host name'],
    ['-company.okta.com', 'is not a valid host name'],
    ['cömpany.okta.com', 'is not a valid host name'],
    ['company..okta.com', 'is not a valid host name'],
    ['https://', 'is not a valid host name'],
    ['[::1]', 'is not a valid host name'],
    ['https:/company.okta.com', 'is not a valid host name'],
    ['company.okta.com:', 'must not include a port'],
  ])('rejects %j', (input, expected) => {
    const error = domainFailure(input);
    expect(error.code).toBe('OKTA_DOMAIN_INVALID');
    expect(error.message).toContain(expected);
    expect(error.message).not.toContain('\n');
  });

  it('never echoes credentials from a pasted URL', () => {
    const error = domainFailure('http://admin:hunter2secret@company.okta.com');
    expect(error.message).not.toContain('hunter2secret');
    expect(JSON.stringify(error)).not.toContain('hunter2secret');
  });
});

describe('parseBaseUrlOverride', () => {
  it.each([
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/'],
    ['http://127.10.0.3:9000/', 'http://127.10.0.3:9000/'],
    ['http://localhost:3000', 'http://localhost:3000/'],
    ['http://[::1]:8080/', 'http://[::1]:8080/'],
    ['https://proxy.example.com', 'https://proxy.example.com/'],
    ['https://proxy.example.com/okta/', 'https://proxy.example.com/okta'],
    ['https://proxy.example.com/okta//', 'https://proxy.example.com/okta'],
    ['https://proxy.example.com:8443/a/b', 'https://proxy.example.com:8443/a/b'],
  ])('accepts %s', (input, href) => {
    expect(parseBaseUrlOverride(input).href).toBe(href);
  });

  it.each([
    ['', 'is empty'],
    ['proxy.example.com', 'must be an absolute URL'],
    ['/relative/path', 'must be an absolute URL'],
    ['http://proxy.example.com', 'http:// only for loopback addresses'],
    ['http://10.0.0.5:8080', 'http:// only for loopback addresses'],
    ['http://128.0.0.1', 'http:// only for loopback addresses'],
    ['http://localhost.example.com', 'http:// only for loopback addresses'],
    ['ftp://127.0.0.1', 'must use https://'],
    ['file:///etc/passwd', 'must use https://'],
    ['https://user:pw@proxy.example.com', 'must not contain credentials'],
    ['https://proxy.example.com/?x=1', 'must not contain a query string or fragment'],
    ['https://proxy.example.com/?', 'must not contain a query string or fragment'],
    ['https://proxy.example.com/#frag', 'must not contain a query string or fragment'],
  ])('rejects %j', (input, expected) => {
    const error = baseUrlFailure(input);
    expect(error.code).toBe('OKTA_BASE_URL_INVALID');
    expect(error.message).toContain(expected);
  });

  it('keeps a root path as "/" (a URL cannot have an empty path)', () => {
    expect(parseBaseUrlOverride('http://127.0.0.1:8080/').pathname).toBe('/');
  });
});
