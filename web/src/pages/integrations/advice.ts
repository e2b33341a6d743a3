/**
 * The troubleshooting advice of docs/connect-okta.md, for what Test connection or Save answered: a refused token
 * (401) and an address that is not an org's API host are the usual first-day mistakes.
 */
export function adviceFor(code: string | undefined, message: string): string[] {
  if (code === 'OKTA_TOKEN_INVALID' || /\(401\)|\b401\b/.test(message)) {
    return [
      'Okta refused the API token (401). A token stops working when it was mistyped, when it has not been used for 30 days, or when the admin who created it was deactivated.',
      'Create a new token while signed in to Okta as the read-only admin (Security › API › Tokens) and paste it here.',
    ];
  }
  if (code === 'OKTA_DOMAIN_INVALID' || code === 'OKTA_NOT_FOUND' || /Okta domain|no Okta org answers|redirect/i.test(message)) {
    return [
      'Use your org’s own Okta host, e.g. company.okta.com: not the Admin Console host (company-admin.okta.com) and not a custom or vanity domain.',
      'Copy it from the address bar of the Okta end-user dashboard, without https:// and without a path.',
    ];
  }
  if (code === 'OKTA_NETWORK_ERROR' || /cannot reach/i.test(message)) {
    return ['The server cannot reach Okta: check the domain, DNS, the firewall, and HTTPS_PROXY if a proxy is required.'];
  }
  if (code === 'OKTA_OAUTH_TOKEN_FAILED' || /client assertion/i.test(message)) {
    return ['Check the service app’s client id, that it uses public-key authentication, and that the key (and key id) match a key registered on the app.'];
  }
  if (code === 'OKTA_SCOPE_MISSING') return ['Grant the okta.*.read scopes listed below on the service app’s Okta API Scopes tab.'];
  return [];
}
