import { isIPv4 } from 'node:net';
import { checkOktaDomain } from './domain-name.js';
import { OktaClientError } from './errors.js';

export { OKTA_DOMAIN_SUFFIXES } from './domain-name.js';

/**
 * Parses what an operator typed or pasted as the Okta domain and returns the org host in lower case, e.g.
 * `company.okta.com` (see `checkOktaDomain`). Throws `OKTA_DOMAIN_INVALID` with one line that says what to change.
 */
export function parseOktaDomain(input: string): string {
  const checked = checkOktaDomain(input);
  if ('problem' in checked) throw new OktaClientError('OKTA_DOMAIN_INVALID', checked.problem);
  return checked.host;
}

/** `localhost`, 127.0.0.0/8 and ::1: the only hosts the base-URL override may reach over plain http. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  return isIPv4(host) && host.startsWith('127.');
}

function baseUrlError(message: string): OktaClientError {
  return new OktaClientError('OKTA_BASE_URL_INVALID', message);
}

/**
 * Parses the operator-only base-URL override that points the client at a simulator or a forward proxy instead of
 * `https://{domain}`. Plain http is allowed for loopback hosts only; everything else must be https. The URL must be
 * absolute and carry no credentials, query or fragment. The returned URL's path has no trailing slash, except the root
 * path, which a URL always spells `/`.
 *
 * SECURITY: this value must only ever come from the operator's own configuration (CLI flag, env, config file). Never
 * accept it from the web console or the REST API: whoever sets it decides where the API token or client assertion is
 * sent (server-side request forgery and credential theft).
 */
export function parseBaseUrlOverride(input: string): URL {
  const trimmed = input.trim();
  if (trimmed === '') throw baseUrlError('the base-URL override is empty: remove it, or set an absolute URL such as http://127.0.0.1:8080');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw baseUrlError('the base-URL override must be an absolute URL such as https://proxy.example.com or http://127.0.0.1:8080');
  }
  if (url.username !== '' || url.password !== '') {
    throw baseUrlError('the base-URL override must not contain credentials (user:password@): remove them');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw baseUrlError(`the base-URL override must use https:// (or http:// for a loopback address), not ${url.protocol}//`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw baseUrlError(
      `the base-URL override may use http:// only for loopback addresses (127.0.0.0/8, ::1, localhost); use https://${url.host}${url.pathname === '/' ? '' : url.pathname}`,
    );
  }
  if (url.search !== '' || url.hash !== '' || trimmed.includes('?') || trimmed.includes('#')) {
    throw baseUrlError('the base-URL override must not contain a query string or fragment: remove everything from "?" or "#"');
  }
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}
