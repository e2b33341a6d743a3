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
 * Reads what an operator typed or pasted as the Okta domain: the org host in lower case (e.g. `company.okta.com`), or
 * one line that says what to change. Accepts a bare host, an `https://` URL with or without a trailing slash, and a
 * pasted Admin Console or end-user dashboard URL (the path is dropped). `setting` names where the domain is set
 * (`--domain` for the CLI, "the Okta domain" in the web console), so both say the same thing. Pure (no Node API): the
 * web console runs it as the user types.
 */
export function checkOktaDomain(input: string, setting = '--domain'): { host: string } | { problem: string } {
  const trimmed = input.trim();
  if (trimmed === '') {
    return { problem: `missing Okta domain: set ${setting} to your org's Okta host (e.g. ${EXAMPLE_DOMAIN})` };
  }
  const { scheme, authority } = splitDomainInput(trimmed);
  // Credentials first, so no later message ever echoes them.
  if (authority.includes('@')) {
    return { problem: `the Okta domain must not contain credentials (user:password@): set ${setting} to the host only (e.g. ${EXAMPLE_DOMAIN}) and give the API token through OKTA_API_TOKEN or OKTA_API_TOKEN_FILE` };
  }
  if (scheme !== undefined && scheme !== 'https') {
    return { problem: `Okta orgs are served over https only (got ${scheme}://): set ${setting} to ${EXAMPLE_DOMAIN} or https://${EXAMPLE_DOMAIN}` };
  }
  const colon = authority.lastIndexOf(':');
  const port = authority.slice(colon + 1);
  if (colon !== -1 && /^\d*$/.test(port) && authority.slice(0, colon).includes('.') && !authority.startsWith('[')) {
    return { problem: `the Okta domain must not include a port (":${port}"): set ${setting} to the host only (e.g. ${EXAMPLE_DOMAIN}); a simulator or proxy uses the base-URL override instead` };
  }
  // A fully qualified name may end with a dot; the org host is the same without it.
  const host = authority.toLowerCase().replace(/\.$/, '');
  if (host === '' || !host.split('.').every((label) => DNS_LABEL.test(label)) || host.length > 253) {
    return { problem: `Okta domain ${quote(authority)} is not a valid host name (letters, digits, hyphens and dots only): set ${setting} to your org's Okta host (e.g. ${EXAMPLE_DOMAIN})` };
  }
  const suffix = OKTA_DOMAIN_SUFFIXES.find((candidate) => host.endsWith(candidate));
  if (suffix === undefined) {
    if (OKTA_DOMAIN_SUFFIXES.some((candidate) => host === candidate.slice(1))) {
      return { problem: `Okta domain ${quote(host)} is missing your org's subdomain: set ${setting} to e.g. company.${host}` };
    }
    return { problem: `Okta domain ${SUFFIX_LIST} (got ${quote(host)}); custom domains are not supported: use the org's Okta subdomain (e.g. ${EXAMPLE_DOMAIN})` };
  }
  const subdomain = host.slice(0, -suffix.length);
  if (subdomain.includes('.')) {
    return { problem: `Okta domain ${quote(host)} must be one subdomain of ${suffix.slice(1)}: set ${setting} to your org's host (e.g. company${suffix})` };
  }
  // The Admin Console lives on `{org}-admin.okta.com`; the API answers on the org host only
  // (https://developer.okta.com/docs/concepts/okta-organizations/, okta-commons-java ConfigurationValidator).
  if (subdomain.endsWith('-admin')) {
    const orgHost = `${subdomain.slice(0, -'-admin'.length)}${suffix}`;
    return { problem: `${host} is the Admin Console host, not the API host: remove "-admin" and set ${setting} to ${orgHost}` };
  }
  return { host };
}

