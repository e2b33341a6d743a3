import { isIPv4 } from 'node:net';
import { OktaClientError } from './errors.js';

/**
 * The Okta domains an org host may end with (https://developer.okta.com/docs/concepts/okta-organizations/,
 * https://developer.okta.com/docs/guides/find-your-domain/). Government cells (`okta-gov.com`, `okta.mil`) and custom
 * URL domains are deliberately not accepted yet: the client assertion `aud` must equal the token endpoint we call, so we
 * pin one canonical host per org. Extending support means adding a suffix here.
 */
export const OKTA_DOMAIN_SUFFIXES = ['.okta.com', '.okta-emea.com', '.oktapreview.com'] as const;

const EXAMPLE_DOMAIN = 'company.okta.com';
const SUFFIX_LIST = 'must end with .okta.com, .okta-emea.com or .oktapreview.com';
/** One DNS label: letters, digits and inner hyphens, at most 63 characters. */
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function domainError(message: string): OktaClientError {
  return new OktaClientError('OKTA_DOMAIN_INVALID', message);
}

/** Quotes user input for an error line: one line, bounded length. Only called once credentials have been ruled out. */
function quote(value: string): string {
  const oneLine = value.replace(/[\r\n\t]/g, ' ');
  return JSON.stringify(oneLine.length > 80 ? `${oneLine.slice(0, 80)}…` : oneLine);
}

/**
 * Splits `scheme://authority/path…` or `authority/path…` by hand rather than with `new URL`: the URL parser silently
 * drops a default port (`:443`), percent-decodes and IDNA-maps hosts, and accepts `user:pw@`, and we want to reject
 * each of those with a precise message.
 */
function splitDomainInput(input: string): { scheme: string | undefined; authority: string } {
  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(input);
  const rest = schemeMatch === null ? input : input.slice(schemeMatch[0].length);
  const end = rest.search(/[/?#]/);
  return { scheme: schemeMatch?.[1]?.toLowerCase(), authority: end === -1 ? rest : rest.slice(0, end) };
}

/**
 * Parses what an operator typed or pasted as the Okta domain and returns the org host in lower case, e.g.
 * `company.okta.com`. Accepts a bare host, an `https://` URL with or without a trailing slash, and a pasted Admin
 * Console or end-user dashboard URL (the path is dropped). Throws `OKTA_DOMAIN_INVALID` with one line that says what to
 * change.
 */
export function parseOktaDomain(input: string): string {
  const trimmed = input.trim();
  if (trimmed === '') {
    throw domainError(`missing Okta domain: set --domain to your org's Okta host (e.g. ${EXAMPLE_DOMAIN})`);
  }
  const { scheme, authority } = splitDomainInput(trimmed);
  // Credentials first, so no later message ever echoes them.
  if (authority.includes('@')) {
    throw domainError(
      `the Okta domain must not contain credentials (user:password@): set --domain to the host only (e.g. ${EXAMPLE_DOMAIN}) and give the API token through OKTA_API_TOKEN or OKTA_API_TOKEN_FILE`,
    );
  }
  if (scheme !== undefined && scheme !== 'https') {
    throw domainError(`Okta orgs are served over https only (got ${scheme}://): set --domain to ${EXAMPLE_DOMAIN} or https://${EXAMPLE_DOMAIN}`);
  }
  const colon = authority.lastIndexOf(':');
  const port = authority.slice(colon + 1);
  if (colon !== -1 && /^\d*$/.test(port) && authority.slice(0, colon).includes('.') && !authority.startsWith('[')) {
    throw domainError(
      `the Okta domain must not include a port (":${port}"): set --domain to the host only (e.g. ${EXAMPLE_DOMAIN}); a simulator or proxy uses the base-URL override instead`,
    );
  }
  // A fully qualified name may end with a dot; the org host is the same without it.
  const host = authority.toLowerCase().replace(/\.$/, '');
  if (host === '' || !host.split('.').every((label) => DNS_LABEL.test(label)) || host.length > 253) {
    throw domainError(
      `Okta domain ${quote(authority)} is not a valid host name (letters, digits, hyphens and dots only): set --domain to your org's Okta host (e.g. ${EXAMPLE_DOMAIN})`,
    );
  }
  const suffix = OKTA_DOMAIN_SUFFIXES.find((candidate) => host.endsWith(candidate));
  if (suffix === undefined) {
    if (OKTA_DOMAIN_SUFFIXES.some((candidate) => host === candidate.slice(1))) {
      throw domainError(`Okta domain ${quote(host)} is missing your org's subdomain: set --domain to e.g. company.${host}`);
    }
    throw domainError(
      `Okta domain ${SUFFIX_LIST} (got ${quote(host)}); custom domains are not supported: use the org's Okta subdomain (e.g. ${EXAMPLE_DOMAIN})`,
    );
  }
  const subdomain = host.slice(0, -suffix.length);
  if (subdomain.includes('.')) {
    throw domainError(`Okta domain ${quote(host)} must be one subdomain of ${suffix.slice(1)}: set --domain to your org's host (e.g. company${suffix})`);
  }
  // The Admin Console lives on `{org}-admin.okta.com`; the API answers on the org host only
  // (https://developer.okta.com/docs/concepts/okta-organizations/, okta-commons-java ConfigurationValidator).
  if (subdomain.endsWith('-admin')) {
    const orgHost = `${subdomain.slice(0, -'-admin'.length)}${suffix}`;
    throw domainError(`${host} is the Admin Console host, not the API host: remove "-admin" and set --domain to ${orgHost}`);
  }
  return host;
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
